import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CONSOLE_SECURITY_HEADERS, consoleContentSecurityPolicy } from '../../services/console/content-security-policy';
import type { ConsoleConfig } from '../../services/console/contract';

/** Options of {@link startLocalConsole}. */
export interface LocalConsoleOptions {
  /** The built console (build/console). */
  readonly directory: string;
  /** `/config.json`, read at each request: the API and sign-in start after the console, whose origin they need. */
  readonly config: () => ConsoleConfig;
  /** @default 0 (a free port) */
  readonly port?: number;
}

/** A running stand-in for the console's CloudFront distribution. */
export interface LocalConsole {
  /** The console's origin, as the stack's WorkspaceUrl output (no trailing slash). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The console on loopback as CloudFront serves it: the built files with the same security headers
 * (CSP admitting only the API and the managed login), `/config.json`, and `index.html` for every
 * path that is not a file, as the distribution's viewer-request function rewrites them.
 */
export async function startLocalConsole(options: LocalConsoleOptions): Promise<LocalConsole> {
  const app = express();
  app.disable('x-powered-by');
  app.use((_request, response, next) => {
    const config = options.config();
    response.set({ ...CONSOLE_SECURITY_HEADERS, 'content-security-policy': consoleContentSecurityPolicy(new URL(config.apiUrl).origin, new URL(config.signIn.domain).origin) });
    next();
  });
  app.get('/config.json', (_request, response) => { response.set('cache-control', 'no-store').json(options.config()); });
  app.use(express.static(options.directory, { index: false, fallthrough: true, immutable: true, maxAge: '1y' }));
  app.use((request, response) => {
    if (/\.[a-z0-9]+$/i.test(request.path)) response.status(404).type('text/plain').send('not found');
    else response.set('cache-control', 'no-cache').sendFile(join(options.directory, 'index.html'));
  });
  const server: Server = await new Promise((resolve) => { const listening = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(listening)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
