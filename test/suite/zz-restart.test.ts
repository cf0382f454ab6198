// Runs last (files run in name order): it restarts the language server, and a restart in the
// middle of the run once made the later Clean workspace suite see a file's text from before a
// revert (issue 9 note); the restart itself is what this file checks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ours, waitForDiagnostics } from './diagnostics';

const SEED_FILE = '003_19257488ec84b839.txt';
const EXTENSION_ID = 'seed-curator.seed-curator';

suite('Restarting the language server', () => {
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    const found = await vscode.workspace.findFiles(`**/${SEED_FILE}`, '**/node_modules/**', 2);
    assert.equal(found.length, 1);
    uri = found[0];
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
  });

  test('Restart the language server: the client stops and starts it again, and the new server diagnoses the file', async () => {
    type ClientApi = { onDidChangeState: (l: (e: { newState: number }) => void) => vscode.Disposable; isRunning(): boolean };
    const extension = vscode.extensions.getExtension<{ client: ClientApi }>(EXTENSION_ID);
    assert.ok(extension?.isActive, 'the extension is not active');
    const client = extension.exports.client;
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'diagnostics before the restart');
    // vscode-languageclient State: Stopped = 1, Running = 2, Starting = 3.
    const states: number[] = [];
    const counts: number[] = [];
    const stateWatch = client.onDidChangeState((e) => states.push(e.newState));
    const diagnosticsWatch = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) counts.push(ours(uri).length);
    });
    try {
      await vscode.commands.executeCommand('seedCurator.restartServer');
      assert.ok(states.includes(1), `the server was not stopped (states ${JSON.stringify(states)})`);
      assert.equal(states[states.length - 1], 2, `the server is not running again (states ${JSON.stringify(states)})`);
      assert.equal(client.isRunning(), true);
      // The old server's diagnostics go with it; the file's come back only from the new one.
      await waitForDiagnostics(
        uri,
        (ds) => ds.length > 0 && counts.indexOf(0) !== -1 && counts.lastIndexOf(0) < counts.length - 1,
        'diagnostics cleared at the stop and published by the new server',
      );
      // The new server hears of files created after the restart (the client's watchers re-hooked).
      const fresh = vscode.Uri.joinPath(uri, '..', 'zz-after-restart.txt');
      await vscode.workspace.fs.writeFile(fresh, new TextEncoder().encode(doc.getText()));
      try {
        await waitForDiagnostics(fresh, (ds) => ds.length > 0, 'diagnostics of a file created after the restart');
      } finally {
        await vscode.workspace.fs.delete(fresh);
      }
    } finally {
      stateWatch.dispose();
      diagnosticsWatch.dispose();
    }
  });
});
