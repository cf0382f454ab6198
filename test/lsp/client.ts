// A small LSP client for tests and benchmarks: starts the BUILT server (dist/server/server.js)
// over stdio on a temporary copy of seeds/, answers the requests a client must answer, and
// waits on server notifications (never on the clock).
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server', 'server.js');

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface PublishParams { uri: string; version?: number; diagnostics: { range: Range; code?: string | number; message: string }[] }

/** Offset of an LSP position (UTF-16 units within the line, as JS string indices are). */
export function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  return offset + pos.character;
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function sliceRange(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

export interface SeedServer {
  conn: MessageConnection;
  seedsDir: string;
  published: PublishParams[];
  /** file: URI of a seed of the temporary workspace. */
  seedUri(name: string): string;
  seedText(name: string): Promise<string>;
  /** Resolves once every seed file has had its diagnostics published (the workspace scan is done). */
  scanned(): Promise<void>;
  /** The first publication from index `since` on that satisfies `test`, now or when it arrives. */
  publication(test: (p: PublishParams) => boolean, what: string, since?: number): Promise<PublishParams>;
  initializeResult: any;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Sent as `initializationOptions` (e.g. `{workspaceTrusted: false}`). */
  initializationOptions?: unknown;
  /** Runs on the temporary workspace folder before the server starts (to add .seed-curator/ files). */
  prepare?(workspace: string): Promise<void>;
}

export async function startSeedServer(capabilities: Record<string, unknown> = {}, options: StartOptions = {}): Promise<SeedServer> {
  assert.ok(existsSync(SERVER), `${SERVER} is missing: run \`node esbuild.mjs\` first`);
  const workspace = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'seed-curator-people-')));
  const seedsDir = path.join(workspace, 'seeds');
  await fs.mkdir(seedsDir);
  const names = await fs.readdir(path.join(ROOT, 'seeds'));
  for (const name of names) await fs.copyFile(path.join(ROOT, 'seeds', name), path.join(seedsDir, name));
  await options.prepare?.(workspace);

  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishParams[] = [];
  const waiters = new Set<() => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
    published.push(p);
    for (const w of [...waiters]) w();
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();

  const seedUri = (name: string) => pathToFileURL(path.join(seedsDir, name)).href;
  const initializeResult = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, ...capabilities },
    ...(options.initializationOptions === undefined ? {} : { initializationOptions: options.initializationOptions }),
  });
  conn.sendNotification('initialized', {});

  function until<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}\nserver stderr: ${stderr}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    conn,
    seedsDir,
    published,
    seedUri,
    seedText: (name) => fs.readFile(path.join(seedsDir, name), 'utf8'),
    initializeResult,
    scanned: async () => {
      const uris = names.map(seedUri);
      await until(() => (uris.every((u) => published.some((p) => p.uri === u)) ? true : undefined), 'the workspace scan to publish every seed');
    },
    publication: (test, what, since = 0) => until(() => published.slice(since).find(test), what),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          await conn.sendRequest('shutdown');
          conn.sendNotification('exit');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        } catch {
          // killed below
        }
      }
      conn.dispose();
      if (child.exitCode === null) child.kill();
      await fs.rm(workspace, { recursive: true, force: true });
    },
  };
}
