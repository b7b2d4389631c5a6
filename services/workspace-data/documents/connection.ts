import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Db, MongoClient, MongoServerError } from 'mongodb';

/** The user and password of the DocumentDB master secret. */
export interface DatabaseCredentials {
  readonly username: string;
  readonly password: string;
}

/** Options of {@link DocumentDbConnection}. */
export interface DocumentDbConnectionOptions {
  readonly host: string;
  readonly port: number;
  /** The CA bundle the server certificate chains to (the Amazon RDS bundle for DocumentDB). */
  readonly caFile: string;
  readonly database: string;
  /** Reads the credentials; called at connect and again after an authentication failure (a rotation). */
  readonly credentials: () => Promise<DatabaseCredentials>;
  /**
   * DocumentDB's replica set; the driver then discovers the cluster's instances.
   * @default 'rs0'; '' connects to the one host directly (a local DocumentDB-compatible server)
   */
  readonly replicaSet?: string;
}

/** DocumentDB's error for a wrong user or password, as for a password that rotation has replaced. */
const AUTHENTICATION_FAILED = 18;

/** The credentials of a Secrets Manager secret holding `{"username": ..., "password": ...}`, as DocumentDB's master secret does. */
export function credentialsFromSecret(client: SecretsManagerClient, secretId: string): () => Promise<DatabaseCredentials> {
  return async () => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const parsed = JSON.parse(SecretString ?? '{}') as Partial<DatabaseCredentials>;
    if (!parsed.username || !parsed.password) throw new Error(`secret ${secretId} holds no username and password; it must be the DocumentDB master secret`);
    return { username: parsed.username, password: parsed.password };
  };
}

/**
 * The engine's connection to DocumentDB as DocumentDB needs it: TLS verified against the given CA,
 * no retryable writes (DocumentDB has none), and credentials read from the master secret. When the
 * password has been rotated, the next operation fails to authenticate; {@link use} then reads the
 * secret again, reconnects and repeats the operation once, so no restart is needed.
 */
export class DocumentDbConnection {
  private client?: Promise<MongoClient>;

  constructor(private readonly options: DocumentDbConnectionOptions) {}

  /** Runs `operation` on the database, reconnecting with fresh credentials once if authentication fails. */
  async use<T>(operation: (db: Db) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.database());
    } catch (error) {
      if (!(error instanceof MongoServerError) || error.code !== AUTHENTICATION_FAILED) throw error;
      await this.reset();
      return operation(await this.database());
    }
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private async database(): Promise<Db> {
    this.client ??= this.connect().catch((error) => {
      this.client = undefined;
      throw error;
    });
    return (await this.client).db(this.options.database);
  }

  private async connect(): Promise<MongoClient> {
    const { host, port, caFile } = this.options;
    const replicaSet = this.options.replicaSet ?? 'rs0';
    const { username, password } = await this.options.credentials();
    const client = new MongoClient(`mongodb://${host}:${port}/`, {
      auth: { username, password },
      // DocumentDB keeps its users, the master user among them, in admin.
      authSource: 'admin',
      tls: true,
      tlsCAFile: caFile,
      retryWrites: false,
      ...(replicaSet ? { replicaSet } : { directConnection: true }),
      serverSelectionTimeoutMS: 10_000,
    });
    return client.connect();
  }

  private async reset(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.then((connected) => connected.close(), () => undefined);
  }
}
