import { createServer, Server } from 'node:http';

/** A loopback stand-in for CloudFormation's pre-signed response URL that keeps every response body. */
export interface ResponseCollector {
  readonly url: string;
  readonly responses: Record<string, string>[];
  readonly server: Server;
}

/** Starts a {@link ResponseCollector} on a free loopback port; close `server` when done. */
export async function startResponseCollector(): Promise<ResponseCollector> {
  const responses: Record<string, string>[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => { responses.push(JSON.parse(body)); response.end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/response`, responses, server };
}
