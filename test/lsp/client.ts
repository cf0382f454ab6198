// LSP tests on a temporary copy of seeds/: startSeedServer runs the BUILT server through the
// shared client (test/support/lsp-session.ts) on that workspace; plus position helpers computed
// from the text with plain string operations.
import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { LspSession, SERVER_JS, type Position, type PublishParams, type Range } from '../support/lsp-session';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = SERVER_JS;
export type { Position, PublishParams, Range };

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
  /** The shared client underneath, for what this interface does not cover. */
  session: LspSession;
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
  /**
   * Opens a seed as an editor does and resolves with its first publication as an open
   * document. Hints are published only for open documents (VS Code shows them nowhere else).
   */
  opened(name: string): Promise<PublishParams>;
  initializeResult: any;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Sent as `initializationOptions` (e.g. `{workspaceTrusted: false}`). */
  initializationOptions?: unknown;
  /** Runs on the temporary workspace folder before the server starts (to add .seed-curator/ files). */
  prepare?(workspace: string): Promise<void>;
}

/** The server on a temporary copy of seeds/, as a client that declares little: `capabilities` are added to configuration and workspace folders. */
export async function startSeedServer(capabilities: Record<string, unknown> = {}, options: StartOptions = {}): Promise<SeedServer> {
  const workspace = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'seed-curator-people-')));
  const seedsDir = path.join(workspace, 'seeds');
  await fs.mkdir(seedsDir);
  const names = await fs.readdir(path.join(ROOT, 'seeds'));
  for (const name of names) await fs.copyFile(path.join(ROOT, 'seeds', name), path.join(seedsDir, name));
  await options.prepare?.(workspace);

  let session: LspSession;
  try {
    session = await LspSession.start({
      workspace,
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, ...capabilities },
      initializationOptions: options.initializationOptions,
    });
  } catch (error) {
    await fs.rm(workspace, { recursive: true, force: true });
    throw error;
  }
  const seedUri = (name: string) => pathToFileURL(path.join(seedsDir, name)).href;
  return {
    session,
    conn: session.conn,
    seedsDir,
    published: session.published,
    seedUri,
    seedText: (name) => fs.readFile(path.join(seedsDir, name), 'utf8'),
    initializeResult: session.initializeResult,
    scanned: async () => {
      const uris = names.map(seedUri);
      await session.until(() => (uris.every((u) => session.latest.has(u)) ? true : undefined), 'the workspace scan to publish every seed');
    },
    publication: (test, what, since = 0) => session.publication(test, what, since),
    async opened(name) {
      const uri = seedUri(name);
      const since = session.published.length;
      session.open(uri, await fs.readFile(path.join(seedsDir, name), 'utf8'), 1);
      return session.nextPublication(uri, 1, since);
    },
    async stop() {
      await session.stop();
      await fs.rm(workspace, { recursive: true, force: true });
    },
  };
}
