import { MongoServerError } from 'mongodb';
import { Definition } from '../definition/bot-definition';
import { BOT_DEFINITIONS } from './collections';
import { DocumentDbConnection } from './connection';

/** One version of a workflow's step graph, as stored. */
export interface BotDefinition {
  readonly workflowId: string;
  readonly version: number;
  readonly definition: Definition;
  readonly createdBy: string;
  readonly createdAt: string;
}

/**
 * The stored document: the definition is kept as JSON text because step inputs may hold keys and
 * nested arrays that DocumentDB field names and FerretDB do not accept; the step kinds are kept
 * beside it for queries.
 */
interface BotDefinitionDocument {
  workflowId: string;
  version: number;
  kind: 'bot';
  definitionJson: string;
  stepKinds: string[];
  createdBy: string;
  createdAt: Date;
}

/** Someone else saved a version of the workflow first. */
export class DefinitionConflictError extends Error {}

const DUPLICATE_KEY = 11000;
/** A version left behind by a writer that died before recording it in the table is replaced after this long. */
const ORPHAN_AFTER_MS = 60_000;

/** The versions of each workflow's definition in DocumentDB's `bot_definitions` collection. */
export class BotDefinitionStore {
  constructor(private readonly connection: DocumentDbConnection) {}

  /** Stores a new version; fails with DefinitionConflictError when that version exists and is in use or fresh. */
  async add(definition: BotDefinition, now: Date): Promise<void> {
    const document: BotDefinitionDocument = {
      workflowId: definition.workflowId, version: definition.version, kind: 'bot',
      definitionJson: JSON.stringify(definition.definition), stepKinds: [...new Set(definition.definition.steps.map((step) => step.kind))],
      createdBy: definition.createdBy, createdAt: new Date(definition.createdAt),
    };
    await this.connection.use(async (db) => {
      const collection = db.collection<BotDefinitionDocument>(BOT_DEFINITIONS);
      try {
        await collection.insertOne(document);
      } catch (error) {
        if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
        const replaced = await collection.replaceOne(
          { workflowId: definition.workflowId, version: definition.version, createdAt: { $lt: new Date(now.getTime() - ORPHAN_AFTER_MS) } }, document);
        if (replaced.matchedCount === 0) throw new DefinitionConflictError(`version ${definition.version} of workflow ${definition.workflowId} was just saved by someone else; reload the workflow and save again`);
      }
    });
  }

  /** Removes a version that could not be recorded in the table (best effort; an orphan is replaced later anyway). */
  async remove(workflowId: string, version: number): Promise<void> {
    await this.connection.use((db) => db.collection<BotDefinitionDocument>(BOT_DEFINITIONS).deleteOne({ workflowId, version }));
  }

  async get(workflowId: string, version: number): Promise<BotDefinition | undefined> {
    const document = await this.connection.use((db) => db.collection<BotDefinitionDocument>(BOT_DEFINITIONS).findOne({ workflowId, version }));
    if (!document) return undefined;
    return {
      workflowId, version, definition: JSON.parse(document.definitionJson) as Definition,
      createdBy: document.createdBy, createdAt: document.createdAt.toISOString(),
    };
  }
}
