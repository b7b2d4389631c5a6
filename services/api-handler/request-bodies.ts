import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { ApiError } from './responses';

/** The optional body of `POST /workflows/{workflowId}/runs`: what the run's expressions read as `input`. */
export const runRequestSchema = z.object({
  input: z.record(z.string(), z.unknown()).optional(),
}).strict().refine((request) => Buffer.byteLength(JSON.stringify(request.input ?? {})) <= 64 * 1024, { message: 'the run input may be at most 64 KiB', path: ['input'] });

/** The JSON body checked by `schema`; the first problem is answered 400 with its field. */
export function parseBody<T>(event: APIGatewayProxyEvent, schema: z.ZodType<T>, code: string, expected: string): T {
  let body: unknown;
  try {
    body = JSON.parse(event.body ?? '');
  } catch {
    throw new ApiError(400, 'invalid_json', `the request body is not JSON; ${expected}`, 'body');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    throw new ApiError(400, code, `${field}: ${issue.message}`, field);
  }
  return parsed.data;
}
