import type { APIGatewayProxyResult } from 'aws-lambda';

/** A request the API refuses, with the HTTP status, a stable code, and the field at fault. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

/** A JSON response that the workspace UI on `allowedOrigin` may read. */
export function json(status: number, body: unknown, allowedOrigin: string): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json',
      'access-control-allow-origin': allowedOrigin,
      'cache-control': 'no-store',
    },
    body: status === 204 ? '' : JSON.stringify(body),
  };
}

/** The body of an error response: `{"error": {"code", "message", "field"}}`. */
export function errorBody(error: ApiError): { error: { code: string; message: string; field?: string } } {
  return { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
}
