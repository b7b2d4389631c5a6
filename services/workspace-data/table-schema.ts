/** The workspace table's keys and TTL attribute, shared by the template and the code that uses the table. */
export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
/** Epoch seconds after which DynamoDB deletes the item. */
export const EXPIRY_ATTRIBUTE = 'expiresAt';
