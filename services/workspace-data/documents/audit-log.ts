import { AUDIT_LOGS } from './collections';
import { DocumentDbConnection } from './connection';

/** What an audit entry records. */
export type AuditAction =
  | 'workflow.created' | 'workflow.updated' | 'workflow.deleted'
  | 'run.queued' | 'run.started' | 'run.ended' | 'run.cancel-requested'
  | 'approval.decided' | 'credential.used' | 'action.performed';

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
}
