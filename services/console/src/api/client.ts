import { Auth } from '../auth/session';

/** A refusal of the API: its status, stable code, and the field at fault (`steps.2.inputs.url`). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

interface RequestOptions {
  readonly body?: unknown;
  readonly query?: Record<string, string | number | undefined>;
  readonly headers?: Record<string, string>;
}

/** The workspace API, called with the signed-in user's ID token (the Cognito authorizer's token). */
export class WorkspaceApi {
  constructor(private readonly baseUrl: string, private readonly auth: Auth) {}

  get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return this.request('GET', path, { query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request('POST', path, { body });
  }

  put<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request('PUT', path, { body, headers });
  }

  delete(path: string): Promise<void> {
    return this.request('DELETE', path);
  }

  /** Every page of a list, up to `limit` items; `truncated` when more were left. */
  async all<T>(path: string, query: RequestOptions['query'] = {}, limit = 10_000): Promise<{ items: T[]; truncated: boolean }> {
    const items: T[] = [];
    let next: string | undefined;
    do {
      const page = await this.get<{ items: T[]; next?: string }>(path, { ...query, limit: 100, next });
      items.push(...page.items);
      next = page.next;
    } while (next && items.length < limit);
    return { items, truncated: next !== undefined };
  }

  /** Sends the request; a 401 gets one refresh and one retry, then the session counts as expired. */
  async request<T>(method: string, path: string, options: RequestOptions = {}, retried = false): Promise<T> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await this.auth.idToken()}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (response.status === 401 && !retried) {
      await this.auth.refresh();
      return this.request(method, path, options, true);
    }
    if (response.status === 204) return undefined as T;
    const body = await response.json().catch(() => undefined) as { error?: { code: string; message: string; field?: string }; message?: string } | undefined;
    if (!response.ok) {
      const error = body?.error;
      throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? body?.message ?? `the API answered ${response.status}`, error?.field);
    }
    return body as T;
  }
}
