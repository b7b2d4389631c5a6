import { Filter, ObjectId } from 'mongodb';
import { AUDIT_LOGS } from './collections';
import { DocumentDbConnection } from './connection';

/** What an audit entry records. */
export const AUDIT_ACTIONS = [
  'workflow.created', 'workflow.updated', 'workflow.deleted',
  'run.queued', 'run.started', 'run.ended', 'run.cancel-requested',
  'approval.decided', 'credential.used', 'action.performed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry: who did what to what, when, and how it ended; never a secret (credentials appear by name). */
export interface AuditEntry {
  readonly actor: string;
  readonly action: AuditAction;
  /** What was acted on: `workflow/<id>`, `run/<id>`, `approval/<id>`, `credential/<name>`. */
  readonly target: string;
  readonly outcome: 'success' | 'failure';
  readonly at: Date;
  readonly detail?: Record<string, string | number | boolean>;
}

/** Which entries {@link AuditLog.list} returns; every field narrows the list. */
export interface AuditFilter {
  /** The user (or `engine`, `approval-workflow`) who acted, exactly. @default anyone */
  readonly actor?: string;
  readonly action?: AuditAction;
  /** Entries at or after this instant. @default the first entry */
  readonly from?: Date;
  /** Entries before this instant. @default now */
  readonly to?: Date;
}

/** An entry as the audit screen lists it: with its ID, which orders entries of the same instant. */
export interface ListedAuditEntry extends AuditEntry {
  readonly id: string;
}

/** The append-only audit log in DocumentDB's `audit_logs` collection: entries are inserted, never changed. */
export class AuditLog {
  constructor(private readonly connection: DocumentDbConnection) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.connection.use((db) => db.collection<AuditEntry>(AUDIT_LOGS).insertOne({ ...entry }));
  }

  /** The entries about one target, newest first. */
  async about(target: string, limit = 100): Promise<AuditEntry[]> {
    const entries = await this.connection.use((db) => db.collection<AuditEntry>(AUDIT_LOGS)
      .find({ target }, { projection: { _id: 0 } }).sort({ at: -1, _id: -1 }).limit(limit).toArray());
    return entries as AuditEntry[];
  }

  /**
   * The entries the filter admits, newest first, `limit` at a time; `after` is the last entry of the
   * previous page (its `at` and `id`), so a page is stable while new entries arrive.
   */
  async list(filter: AuditFilter, limit: number, after?: { at: Date; id: string }): Promise<ListedAuditEntry[]> {
    const query: Filter<AuditEntry & { _id: ObjectId }> = {
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.from || filter.to ? { at: { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) } } : {}),
    };
    const page = after
      ? { $and: [query, { $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: new ObjectId(after.id) } }] }] }
      : query;
    const documents = await this.connection.use((db) => db.collection<AuditEntry & { _id: ObjectId }>(AUDIT_LOGS)
      .find(page).sort({ at: -1, _id: -1 }).limit(limit).toArray());
    return documents.map(({ _id, ...entry }) => ({ ...entry, id: _id.toHexString() }));
  }
}
