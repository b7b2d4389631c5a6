import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../local-aws/free-port';

/** The FerretDB binary qa/bin/install-ferretdb builds. */
export const FERRETDB_BINARY = join(__dirname, '../.tools/ferretdb/ferretdb');

/** A FerretDB server on loopback speaking TLS with SCRAM authentication, as DocumentDB does. */
export interface LocalDocumentDb {
  readonly host: string;
  readonly port: number;
  /** The CA that signed the server's certificate (DocumentDB's is the Amazon RDS bundle). */
  readonly caFile: string;
  readonly username: string;
  readonly password: string;
  log(): string;
  stop(): Promise<void>;
}

/** Options of {@link startLocalDocumentDb}. */
export interface LocalDocumentDbOptions {
  /** Keep data here (a later server on the same folder sees it). @default - a new temporary folder, removed on stop */
  readonly dataDir?: string;
}

/** A CA and a server certificate for 127.0.0.1 and localhost, made with openssl. */
function makeCertificates(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Local DocumentDB CA', '-keyout', path('ca.key'), '-out', path('ca.pem'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', path('server.key'), '-out', path('server.csr'));
  execFileSync('bash', ['-c', `printf 'subjectAltName=IP:127.0.0.1,DNS:localhost' > '${path('san.ext')}'`]);
  openssl('x509', '-req', '-in', path('server.csr'), '-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', path('san.ext'), '-out', path('server.pem'));
  return { caFile: path('ca.pem'), certFile: path('server.pem'), keyFile: path('server.key') };
}

async function waitUntilListening(port: number, isAlive: () => boolean, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('ferretdb exited before listening');
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`ferretdb did not listen on ${port} within the start timeout`);
}

/** Starts FerretDB (SQLite backend, TLS, SCRAM) on a free loopback port; resolves once it listens. */
export async function startLocalDocumentDb(options: LocalDocumentDbOptions = {}): Promise<LocalDocumentDb> {
  if (!existsSync(FERRETDB_BINARY)) throw new Error(`${FERRETDB_BINARY} is missing; run npm ci (its postinstall runs qa/bin/install-ferretdb)`);
  const scratch = mkdtempSync(join(tmpdir(), 'documentdb-'));
  const dataDir = options.dataDir ?? join(scratch, 'data');
  execFileSync('mkdir', ['-p', dataDir]);
  const { caFile, certFile, keyFile } = makeCertificates(scratch);
  const port = await freePort();
  const username = 'workspace';
  const password = 'local-documentdb-password';
  const child = spawn(FERRETDB_BINARY, [
    '--handler=sqlite', `--sqlite-url=file:${dataDir}/`, `--state-dir=${scratch}`,
    '--listen-addr=', `--listen-tls=127.0.0.1:${port}`, `--listen-tls-cert-file=${certFile}`, `--listen-tls-key-file=${keyFile}`,
    // SCRAM users, the first in admin, where DocumentDB keeps its master user.
    '--test-enable-new-auth', '--setup-database=admin', `--setup-username=${username}`, `--setup-password=${password}`,
    '--debug-addr=-', '--telemetry=disable', '--log-level=error',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => { stderr = (stderr + chunk).slice(-20_000); });
  try {
    await waitUntilListening(port, () => child.exitCode === null, Date.now() + 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    host: '127.0.0.1', port, caFile, username, password,
    log: () => stderr,
    stop: () => new Promise((resolve) => {
      const done = () => { rmSync(scratch, { recursive: true, force: true }); resolve(); };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    }),
  };
}
