import { DocumentDbConnection } from '../workspace-data/documents/connection';
import type { AdminDatabase, MasterSecret } from './secret-rotation';

/** Where the cluster is reached: its CA bundle and replica set (see DocumentDbConnectionOptions). */
export interface ClusterAccess {
  readonly caFile: string;
  /** @default 'rs0' (DocumentDB); '' for one local server */
  readonly replicaSet?: string;
}

/** Signs in to the cluster as the secret says, runs the operation on admin, and disconnects. */
export function signInAs(access: ClusterAccess) {
  return async <T>(secret: MasterSecret, operation: (admin: AdminDatabase) => Promise<T>): Promise<T> => {
    const connection = new DocumentDbConnection({
      host: secret.host, port: Number(secret.port), caFile: access.caFile, database: 'admin', replicaSet: access.replicaSet,
      credentials: async () => ({ username: secret.username, password: secret.password }),
    });
    try {
      return await connection.use((db) => operation(db));
    } finally {
      await connection.close();
    }
  };
}
