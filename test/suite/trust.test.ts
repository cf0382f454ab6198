// Workspace trust in a real VS Code (issue 9). Runs only in restricted mode:
// `node test/e2e/run.mjs --untrusted` opens the folder untrusted and runs this suite alone; in a
// trusted window it skips. While untrusted, the workspace's own seedCurator.rules (a restricted
// setting), .seed-curator/accepted.json and .seed-curator/protect.txt change nothing; once the
// person trusts the folder in VS Code's Workspace Trust editor, all three apply, without a reload.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, ours, waitForDiagnostics } from './diagnostics';
import { ui, uiAvailable } from './ui';

const EXTENSION_ID = 'seed-curator.seed-curator';
const S002 = '002_e0e838bfc07b6f33.txt';
const S003 = '003_19257488ec84b839.txt';
const ACCEPTED = { rule: 'boilerplate-app-prompt', line: '下载APP', lineIndex: 4 };
const TERM = '濟南';

const hasAccepted = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === ACCEPTED.rule && d.range.start.line === ACCEPTED.lineIndex);
// The workspace turns metadata-line off (not a repair rule: the conversion's repairs stay as they are).
const OFF_RULE = 'metadata-line';
const hasOffRule = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === OFF_RULE);

async function seedUri(name: string): Promise<vscode.Uri> {
  const found = await vscode.workspace.findFiles(`**/${name}`, '**/node_modules/**', 2);
  assert.equal(found.length, 1);
  return found[0];
}

/** Converts seed 003 to Simplified as the command does, returns the text, and undoes it. */
async function convertedText(): Promise<string> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(await seedUri(S003)));
  const original = editor.document.getText();
  const result = (await vscode.commands.executeCommand('seedCurator.convertToSimplified', { preview: false })) as { applied: boolean };
  assert.equal(result.applied, true);
  const text = editor.document.getText();
  await vscode.commands.executeCommand('undo');
  assert.equal(editor.document.getText(), original);
  return text;
}

suite('Workspace trust (restricted mode)', () => {
  test('workspace rules, accepted.json and protect.txt apply only once the folder is trusted', async function () {
    if (vscode.workspace.isTrusted || !uiAvailable()) this.skip();
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
    assert.ok(extension);
    await (await extension.activate()).ready;
    // The folder exists before the files are written into it: a file written into a folder created
    // the same moment can be missed by VS Code's watcher (seen on a clean CI run).
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fs.mkdirSync(path.join(folder, '.seed-curator'), { recursive: true });
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    const u002 = await seedUri(S002);
    const u003 = await seedUri(S003);
    // 002 open too: its app prompts stand in a block of page furniture, hints, which the server
    // publishes for open documents only (VS Code shows hints nowhere else). Not previews, so
    // showing 003 does not close 002.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(u002), { preview: false });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(u003), { preview: false });
    await waitForDiagnostics(u002, hasAccepted, `the ${ACCEPTED.rule} finding on 002`);
    await waitForDiagnostics(u003, hasOffRule, `${OFF_RULE} findings on 003`);

    // accepted.json: the server hears of it (the client watches it), re-checks, and still reports the line.
    const republished = waitForDiagnostics(u002, () => true, 'diagnostics of 002 published again', undefined, false);
    fs.writeFileSync(path.join(folder, '.seed-curator', 'accepted.json'), JSON.stringify({ version: 1, accepted: [{ rule: ACCEPTED.rule, line: ACCEPTED.line }] }));
    assert.equal(hasAccepted(await republished), true, 'accepted.json is not read while untrusted');
    fs.writeFileSync(path.join(folder, '.seed-curator', 'protect.txt'), `${TERM}\n`);

    // A workspace setting: VS Code leaves out the restricted one (rules), keeps the other (debounceMs).
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('seedCurator.debounceMs')) {
          sub.dispose();
          resolve();
        }
      });
    });
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'seedCurator.rules': { [OFF_RULE]: 'off' }, 'seedCurator.debounceMs': 151 }));
    await changed;
    const config = vscode.workspace.getConfiguration('seedCurator');
    assert.equal(config.get('debounceMs'), 151);
    assert.equal((config.get<Record<string, string>>('rules') ?? {})[OFF_RULE], undefined, 'the restricted setting is left out');
    assert.ok(hasOffRule(ours(u003)));
    const untrustedText = await convertedText();
    assert.ok(!untrustedText.includes(TERM) && untrustedText.includes('济南'), 'protect.txt is not read while untrusted');

    // The person trusts the folder in the Workspace Trust editor.
    const granted = new Promise<void>((resolve) => vscode.workspace.onDidGrantWorkspaceTrust(() => resolve()));
    await vscode.commands.executeCommand('workbench.trust.manage');
    await ui({ action: 'click', selector: '.workspace-trust-editor .monaco-button', hasText: 'Trust' });
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);
    await waitForDiagnostics(u002, (ds) => !hasAccepted(ds) && ds.some((d) => codeOf(d) === ACCEPTED.rule), 'the accepted finding to go once trusted');
    await waitForDiagnostics(u003, (ds) => ds.length > 0 && !hasOffRule(ds), 'the workspace rule levels to apply once trusted');
    const trustedText = await convertedText();
    assert.ok(trustedText.includes(TERM), `${TERM} kept by protect.txt once trusted`);
  });
});
