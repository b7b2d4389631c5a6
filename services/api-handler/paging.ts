/** Items per page of every list the API serves, when the request names no `limit`. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest `limit` a list request may ask for. */
export const MAX_PAGE_SIZE = 100;
/** What a refused `limit` is told. */
export const PAGE_SIZE_RULE = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
