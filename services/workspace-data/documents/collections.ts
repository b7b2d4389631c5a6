/** The database of the workspace's collections on the DocumentDB cluster. */
export const DOCUMENTDB_DATABASE = 'workspace';
/** The collections of seed 000's DocumentDB: bot definitions (and integration configuration), and the audit log. */
export const BOT_DEFINITIONS = 'bot_definitions';
export const AUDIT_LOGS = 'audit_logs';
/** Both, as the template names them to the engine (DOCUMENTDB_COLLECTIONS). */
export const DOCUMENTDB_COLLECTIONS = [BOT_DEFINITIONS, AUDIT_LOGS];
