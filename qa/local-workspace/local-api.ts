import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** The resources of the workspace REST API (product/workspace/api.ts), as API Gateway matches them. */
export const API_RESOURCES = [
  '/workflows', '/workflows/{workflowId}', '/workflows/{workflowId}/runs', '/workflows/{workflowId}/runs/{runId}',
  '/workflows/{workflowId}/runs/{runId}/cancel', '/activity', '/audit', '/approvals', '/approvals/{approvalId}', '/exports', '/imports',
];

/** Options of {@link startLocalApi}. */
export interface LocalApiOptions {
  /** The API handler (createApiHandler's result). */
  readonly handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
  /** The user pool and app client whose ID tokens the API accepts, as the Cognito authorizer does. */
  readonly userPoolId: string;
  readonly clientId: string;
  /** The pool's signing keys (moto serves them at `/<poolId>/.well-known/jwks.json`). */
  readonly jwks: { keys: unknown[] };
  /** The console's origin: preflights and refusals carry CORS headers for it, as the stack's API does. @default '*' */
  readonly allowedOrigin?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
}

/** A running stand-in for API Gateway in front of the handler. */
export interface LocalApi {
  /** The base URL, ending in `/v1`, as the stack's ApiUrl output (without its trailing slash). */
  readonly url: string;
  close(): Promise<void>;
}

/** The preflight answer of the API's CORS options (product/workspace/api.ts). */
const PREFLIGHT = {
  'access-control-allow-headers': 'Authorization,Content-Type,If-Match',
  'access-control-allow-methods': 'GET,POST,PUT,DELETE',
};

/** Matches a path against the API's resources: the resource template and its path parameters. */
export function matchResource(path: string): { resource: string; pathParameters: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const resource of API_RESOURCES) {
    const template = resource.split('/').filter(Boolean);
    if (template.length !== parts.length) continue;
    const parameters: Record<string, string> = {};
    if (template.every((segment, index) => {
      if (segment.startsWith('{')) {
        parameters[segment.slice(1, -1)] = decodeURIComponent(parts[index]);
        return true;
      }
      return segment === parts[index];
    })) return { resource, pathParameters: parameters };
  }
  return undefined;
}

/**
 * The workspace API on loopback as API Gateway serves it: under `/v1`, every method behind the Cognito
 * authorizer's check (an ID token of the pool and client, verified with AWS's aws-jwt-verify against
 * the pool's keys), the claims passed on to the handler as the proxy integration does.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const verifier = CognitoJwtVerifier.create({ userPoolId: options.userPoolId, tokenUse: 'id', clientId: options.clientId });
  verifier.cacheJwks(options.jwks as never);
  const server: Server = createServer(async (request, response) => {
    const answer = await handle(request, await body(request), options, verifier).catch((error) => ({
      statusCode: 500, headers: {}, body: JSON.stringify({ message: `local API failed: ${(error as Error).message}` }),
    }));
    const cors = { 'access-control-allow-origin': options.allowedOrigin ?? '*' };
    response.writeHead(answer.statusCode, { 'content-type': 'application/json', ...cors, ...(answer.headers as Record<string, string>) });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function handle(request: IncomingMessage, text: string, options: LocalApiOptions, verifier: { verify(token: string): Promise<Record<string, unknown>> }): Promise<APIGatewayProxyResult> {
  const url = new URL(request.url ?? '/', 'http://local');
  const matched = url.pathname.startsWith('/v1/') ? matchResource(url.pathname.slice(3)) : undefined;
  if (!matched) return { statusCode: 404, body: JSON.stringify({ message: 'Missing Authentication Token' }) };
  if (request.method === 'OPTIONS') return { statusCode: 204, headers: PREFLIGHT, body: '' };
  const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  let claims: Record<string, unknown>;
  try {
    claims = await verifier.verify(token);
  } catch {
    return { statusCode: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
  }
  const query = Object.fromEntries(url.searchParams);
  return options.handler({
    httpMethod: request.method ?? 'GET', resource: matched.resource, path: url.pathname.slice(3),
    pathParameters: Object.keys(matched.pathParameters).length ? matched.pathParameters : null,
    queryStringParameters: Object.keys(query).length ? query : null, multiValueQueryStringParameters: null,
    headers: request.headers as Record<string, string>, multiValueHeaders: {}, body: text || null, isBase64Encoded: false, stageVariables: null,
    requestContext: { authorizer: { claims } } as never,
  });
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
