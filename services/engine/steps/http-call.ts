import { StepError } from './step-error';

/** A response body larger than this fails the step instead of filling the run's history. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** One HTTP request a step sends. */
export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** The codes that count as success. @default any 2xx */
  readonly expectStatus?: readonly number[];
}

/** What a step keeps of a response. */
export interface HttpResponse {
  readonly status: number;
  readonly contentType?: string;
  readonly body: unknown;
}

/**
 * Sends a request with the step's signal and Idempotency-Key (the same on every attempt and resume of
 * the step, so a service that honours it acts once). A response outside `expectStatus` fails the step;
 * 408, 429 and 5xx may be retried (after Retry-After when given), other codes not.
 */
export async function sendHttp(request: HttpRequest, signal: AbortSignal, idempotencyKey: string): Promise<HttpResponse> {
  const headers: Record<string, string> = { 'idempotency-key': idempotencyKey, ...lowerCased(request.headers ?? {}) };
  let body: string | undefined;
  if (request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD') {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= typeof request.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(request.url, { method: request.method, headers, body, signal, redirect: 'follow' });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new StepError(`${request.method} ${safeUrl(request.url)} failed: ${(error as Error).cause ?? (error as Error).message}`);
  }
  const text = await readLimited(response, signal);
  const contentType = response.headers.get('content-type') ?? undefined;
  const parsed = contentType?.includes('json') ? parseJson(text) : text;
  const expected = request.expectStatus ? request.expectStatus.includes(response.status) : response.status >= 200 && response.status < 300;
  if (!expected) {
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new StepError(`${request.method} ${safeUrl(request.url)} answered ${response.status}: ${text.slice(0, 500)}`, {
      retryable, retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    });
  }
  return { status: response.status, contentType, body: parsed };
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

/** The URL without its query, which may carry keys, for messages. */
function safeUrl(url: string): string {
  return url.split('?')[0];
}

function parseJson(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readLimited(response: Response, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new StepError(`the response is ${declared} bytes; steps accept at most ${MAX_RESPONSE_BYTES} (ask the service for fewer results)`, { retryable: false });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    if (signal.aborted) throw signal.reason;
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) throw new StepError(`the response is over ${MAX_RESPONSE_BYTES} bytes; steps accept at most ${MAX_RESPONSE_BYTES} (ask the service for fewer results)`, { retryable: false });
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
