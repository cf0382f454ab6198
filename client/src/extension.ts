// The thin client: starts the language server and lets vscode-languageclient register
// diagnostics, code actions and hover. Its commands (here and in commands.ts) forward to
// custom requests the server answers (server/src/protocol.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  ACCEPTED_FILE,
  CONFIG_SECTION,
  DEFAULT_FILE_GLOBS,
  FIX_ALL_IN_WORKSPACE,
  WORKSPACE_TRUSTED,
  type FixAllInWorkspaceParams,
  type FixAllInWorkspaceResult,
  type SeedCuratorInitializationOptions,
  type WorkspaceTrustedParams,
} from '../../server/src/protocol';
import { registerCommands, type CommandsHandle } from './commands';

export const LANGUAGE_ID = 'seedtext';

/** What `activate` returns: tests await `ready` before they expect diagnostics. */
export interface SeedCuratorApi {
  client: LanguageClient;
  ready: Promise<void>;
  /** The status bar item and the report panel, for tests. */
  ui: CommandsHandle;
}

let client: LanguageClient | undefined;

function seedGlobs(): string[] {
  const configured = vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>('files');
  const list = typeof configured === 'string' ? [configured] : Array.isArray(configured) ? configured : [];
  const globs = list.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  return globs.length > 0 ? globs : [...DEFAULT_FILE_GLOBS];
}

export function activate(context: vscode.ExtensionContext): SeedCuratorApi {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  // Over stdio, where the server writes each message whole as it is sent: a 100 KB document's
  // first diagnostics after an edit came at p50 / p99 22 / 53 ms, against 29 / 98 over node IPC
  // (bench/lsp.ts, TRANSPORT=stdio|node-ipc).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const globs = seedGlobs();
  // The accepted findings file too: a change pulled from git is re-read by the server.
  const watchers = [...globs, `**/${ACCEPTED_FILE}`].map((g) => vscode.workspace.createFileSystemWatcher(g));
  // Deleting a folder is one event for the folder, which no seed glob matches: deletions of
  // anything reach the server, which drops the seed files under a deleted folder.
  watchers.push(vscode.workspace.createFileSystemWatcher('**/*', true, true, false));
  context.subscriptions.push(...watchers);
  const documentSelector: DocumentSelector = [{ language: LANGUAGE_ID }, ...globs.map((pattern) => ({ scheme: 'file', pattern }))];
  // Workspace trust: until granted the server ignores .seed-curator/protect.txt and accepted.json.
  const initializationOptions: SeedCuratorInitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions,
    synchronize: {
      configurationSection: CONFIG_SECTION,
      fileEvents: watchers,
    },
  };

  const languageClient = new LanguageClient('seedCurator', 'Seed Curator', serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    vscode.commands.registerCommand('seedCurator.fixWorkspace', async () => {
      const params: FixAllInWorkspaceParams = {};
      const result = await languageClient.sendRequest<FixAllInWorkspaceResult>(FIX_ALL_IN_WORKSPACE, params);
      if (result.files === 0) {
        void vscode.window.showInformationMessage('Seed Curator: nothing to fix safely in the workspace.');
        return;
      }
      const edit = await languageClient.protocol2CodeConverter.asWorkspaceEdit(result.edit);
      const applied = await vscode.workspace.applyEdit(edit);
      const total = Object.values(result.fixedByRule).reduce((a, b) => a + b, 0);
      if (applied) void vscode.window.showInformationMessage(`Seed Curator: applied ${total} fixes in ${result.files} files.`);
      else void vscode.window.showWarningMessage('Seed Curator: the fixes were not applied (a file changed meanwhile?).');
    }),
  );

  context.subscriptions.push(
    // The server is a separate process: restarting it re-reads settings and the workspace from
    // scratch (what a curator tries when something looks stale) without reloading the window.
    vscode.commands.registerCommand('seedCurator.restartServer', async () => {
      await languageClient.restart();
    }),
  );

  const ui = registerCommands(context, languageClient);
  const ready = languageClient.start();
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // Sent once the client runs (a grant during start-up waits for it; the server ignores repeats).
      void ready.then(() => languageClient.sendNotification(WORKSPACE_TRUSTED, { trusted: true } satisfies WorkspaceTrustedParams));
    }),
  );
  return { client: languageClient, ready, ui };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
