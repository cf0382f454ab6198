// The one JSON-RPC client of the tests and benches: a minimal editor for the BUILT language
// server (dist/server/server.js) over stdio or node IPC. It spawns the server, initializes,
// answers the requests a client must answer, records every publishDiagnostics, progress and
// log message, and lets callers wait on them (never on the clock). test/lsp/client.ts builds
// on it for tests on a temporary copy of seeds/.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

// SEED_CURATOR_SERVER_JS runs another build (a bench comparing before and after in the same time window).
export const SERVER_JS = process.env.SEED_CURATOR_SERVER_JS ? path.resolve(process.env.SEED_CURATOR_SERVER_JS) : path.resolve(__dirname, '..', '..', 'dist', 'server', 'server.js');

import type { Position, Range } from '../../server/src/core/positions';
export type { Position, Range };

export interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: { range: Range; severity?: number; code?: string | number; source?: string; message: string; data?: any }[];
}

/** What a full editor declares; tests of older or smaller clients pass their own `capabilities`. */
export const EDITOR_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
  window: { workDoneProgress: true },
  textDocument: {
    publishDiagnostics: { versionSupport: true, relatedInformation: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, dataSupport: true, resolveSupport: { properties: ['edit'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export interface SessionOptions {
  /** Folder scanned as the workspace; none: no scan (rootUri and workspaceFolders null). */
  workspace?: string;
  /** The `seedCurator` settings section the server pulls (also `session.settings`, which may change). */
  settings?: Record<string, unknown>;
  /** The client capabilities sent in `initialize` (default EDITOR_CAPABILITIES). */
  capabilities?: Record<string, unknown>;
  /** Sent as `initializationOptions` when given. */
  initializationOptions?: unknown;
  /** stdio (default) or node IPC, as the VS Code client starts the server. */
  transport?: 'stdio' | 'node-ipc';
  /** Extra environment variables of the server process (test hooks such as SEED_CURATOR_TEST_THROWING_RULE). */
  env?: Record<string, string>;
  /** The processId sent in `initialize` (the server exits when that process dies); default this process. */
  processId?: number | null;
}

export class LspSession {
  readonly published: PublishParams[] = [];
  /** The latest publication per uri. */
  readonly latest = new Map<string, PublishParams>();
  /** Every $/progress notification, in order. */
  readonly progress: { token: unknown; value: { kind: string; message?: string; percentage?: number } }[] = [];
  /** Tokens the server asked to create with window/workDoneProgress/create. */
  readonly createdProgressTokens: unknown[] = [];
  /** Progress tokens whose `end` arrived. */
  readonly progressEnded = new Set<unknown>();
  progressBegun = 0;
  /** Every window/logMessage (the output channel), in order. */
  readonly logs: { type: number; message: string }[] = [];
  stderr = '';
  /** The `seedCurator` section answered to workspace/configuration from now on. */
  settings: Record<string, unknown>;
  /** The server's answer to `initialize`. */
  initializeResult: any;
  /** Resolves with the server's exit code (or signal name) when its process exits. */
  readonly exited: Promise<number | string | null>;
  private readonly waiters = new Set<() => boolean>();

  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
    options: SessionOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  }

  static async start(options: SessionOptions = {}): Promise<LspSession> {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`node esbuild.mjs\` first`);
    // SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server in a bench run.
    const nodeArgs = process.env.SERVER_NODE_ARGS ? process.env.SERVER_NODE_ARGS.split(' ') : [];
    const env = { ...process.env, ...options.env };
    let child: ChildProcess;
    let conn: MessageConnection;
    if (options.transport === 'node-ipc') {
      child = fork(SERVER_JS, ['--node-ipc'], { execArgv: nodeArgs, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env });
      conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [...nodeArgs, SERVER_JS, '--stdio'], { stdio: 'pipe', env });
      conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const session = new LspSession(child, conn, options);
    child.stderr!.on('data', (d) => (session.stderr += String(d)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
      session.published.push(p);
      session.latest.set(p.uri, p);
      session.notify();
    });
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'seedCurator' ? session.settings : null)));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => {
      session.createdProgressTokens.push(p.token);
      return null;
    });
    conn.onNotification('$/progress', (p: LspSession['progress'][number]) => {
      session.progress.push(p);
      if (p.value.kind === 'begin') session.progressBegun++;
      if (p.value.kind === 'end') session.progressEnded.add(p.token);
      session.notify();
    });
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      session.logs.push(p);
      session.notify();
    });
    conn.listen();
    const folder = options.workspace ? pathToFileURL(options.workspace).href : null;
    session.initializeResult = await conn.sendRequest('initialize', {
      processId: options.processId === undefined ? process.pid : options.processId,
      rootUri: folder,
      workspaceFolders: folder ? [{ uri: folder, name: 'ws' }] : null,
      capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
      ...(options.initializationOptions === undefined ? {} : { initializationOptions: options.initializationOptions }),
    });
    conn.sendNotification('initialized', {});
    return session;
  }

  private notify(): void {
    for (const check of [...this.waiters]) if (check()) this.waiters.delete(check);
  }

  /** Resolves once `probe` returns a value, re-probing on every server notification. */
  until<T>(probe: () => T | undefined, what: string, timeoutMs = 60000): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}\nserver stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const check = () => {
        const value = probe();
        if (value === undefined) return false;
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      this.waiters.add(check);
    });
  }

  /** The first publication from index `since` on that satisfies `test`, now or when it arrives. */
  publication(test: (p: PublishParams) => boolean, what: string, since = 0): Promise<PublishParams> {
    return this.until(() => {
      for (let i = since; i < this.published.length; i++) if (test(this.published[i])) return this.published[i];
      return undefined;
    }, `diagnostics: ${what}`);
  }

  /** The next publication for `uri` (at `version`, when given) after the `since`-th publication. */
  nextPublication(uri: string, version?: number, since = this.published.length): Promise<PublishParams> {
    return this.publication((p) => p.uri === uri && (version === undefined || p.version === version), `${uri}${version === undefined ? '' : ` v${version}`}`, since);
  }

  open(uri: string, text: string, version = 1): void {
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seedtext', version, text } });
  }

  change(uri: string, text: string, version: number): void {
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change, as an editor sends one: `text` replaces `range` (UTF-16 line and character positions). */
  changeRange(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string, version: number): void {
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): void {
    this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resident set size now and at its peak (Linux /proc), in bytes; undefined elsewhere. */
  memory(): { rss: number; peak: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    } catch {
      return undefined;
    }
  }

  /** shutdown and exit as an editor does; killed if it does not exit within 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
        this.conn.sendNotification('exit');
        await Promise.race([this.exited, new Promise((r) => setTimeout(r, 5000))]);
      } catch {
        // killed below
      }
    }
    this.conn.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}
