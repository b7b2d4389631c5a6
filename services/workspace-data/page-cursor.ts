/**
 * The opaque `next` token of a paged list: the position after the page's last item, as base64url JSON.
 * A token this code did not write is a RangeError, which the API answers as `400 invalid_cursor`.
 */
export function encodePageCursor(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodePageCursor(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new RangeError('next is not a cursor this API returned; start again without it');
  }
}
