// "Clean workspace" in a real VS Code. It changes every seed file of the test workspace, so it
// lives in this file, which the suite loads last (files run in name order). The first two tests
// go through the workbench's own UI as a person would (test/suite/ui.ts: Cancel on the progress
// notification; Discard, then a ticked file and Apply, in the refactor preview) and leave the
// files as they were; the last one applies without the preview.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { screenshot } from './screenshot';
import { ui, uiAvailable } from './ui';

const EXTENSION_ID = 'seed-curator.seed-curator';
const ANNOTATION = /\p{Script=Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/u;

const SOURCE = 'seed-curator';
const TIMEOUT_MS = 60_000;
const BULK_FILES = 120;

interface CleanResult {
  applied: boolean;
  cancelled: boolean;
  files: number;
  fixedByRule: Record<string, number>;
  edit: { documentChanges: { textDocument: { uri: string } }[] };
}

/** Resolves once `predicate` holds for every uri's diagnostics of ours (now or after change events). */
function waitForAll(uris: vscode.Uri[], predicate: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<void> {
  const ok = () => uris.every((u) => predicate(vscode.languages.getDiagnostics(u).filter((d) => d.source === SOURCE)));
  return new Promise((resolve, reject) => {
    const sub = vscode.languages.onDidChangeDiagnostics(() => finish());
    const timer = setTimeout(() => {
      sub.dispose();
      const done = uris.filter((u) => predicate(vscode.languages.getDiagnostics(u).filter((d) => d.source === SOURCE))).length;
      reject(new Error(`timed out waiting for ${what} (${done} of ${uris.length} files)`));
    }, TIMEOUT_MS);
    function finish() {
      if (!ok()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
    finish();
  });
}

async function seedFiles(): Promise<vscode.Uri[]> {
  return (await vscode.workspace.findFiles('**/seeds/**/*.txt', '**/node_modules/**')).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

suite('Clean workspace', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
    assert.ok(extension);
    await (await extension.activate()).ready;
  });

  test('Cancel on the progress notification leaves every file as it was', async function () {
    if (!uiAvailable()) this.skip();
    this.timeout(180_000);
    // Enough damaged text that cleaning takes seconds even on a quiet machine (40 seed-sized
    // files were cleaned before the click on a clean CI run), so Cancel lands while it runs.
    const seeds = await seedFiles();
    await waitForAll(seeds, (ds) => ds.length > 0, 'the workspace scan');
    // In the seeds folder itself: files written at once into a folder just created can be missed
    // by the file watcher (20 of 40 once), and then the server never hears of them.
    const folder = path.dirname(seeds[0].fsPath);
    // Six copies of a damaged seed per file (with four, cleaning the 120 files took 4-5 s at load
    // 6, less on a quiet machine): faster rules must not finish the clean before the click.
    const damaged = seeds.filter((u) => /^00[13]_/.test(path.basename(u.fsPath))).map((u) => fs.readFileSync(u.fsPath, 'utf8').repeat(6));
    const bulk: vscode.Uri[] = [];
    for (let i = 0; i < BULK_FILES; i++) {
      const file = path.join(folder, `zz-bulk-${String(i).padStart(3, '0')}.txt`);
      fs.writeFileSync(file, damaged[i % damaged.length]);
      bulk.push(vscode.Uri.file(file));
    }
    try {
      await waitForAll(bulk, (ds) => ds.length > 0, `the server to check the ${BULK_FILES} new files`);
      const files = await seedFiles();
      const before = new Map(files.map((u) => [u.fsPath, fs.readFileSync(u.fsPath, 'utf8')]));
      const running = vscode.commands.executeCommand('seedCurator.cleanWorkspace') as Thenable<CleanResult>;
      // With VS Code's smoke-test driver (which the runner needs) notifications never pop up as
      // toasts; they go to the notification centre (the bell in the status bar), Cancel included.
      await vscode.commands.executeCommand('notifications.showList');
      await ui({ action: 'click', selector: '.notifications-center .notification-list-item:has-text("cleaning the workspace") .monaco-button', hasText: 'Cancel', timeoutMs: 10_000 });
      const result = await running;
      assert.equal(result.cancelled, true, `cancelled (${result.files} files were done when Cancel arrived)`);
      assert.equal(result.applied, false);
      for (const u of files) {
        assert.equal(fs.readFileSync(u.fsPath, 'utf8'), before.get(u.fsPath), `${path.basename(u.fsPath)} unchanged on disk`);
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString());
        assert.ok(!open?.isDirty, `${path.basename(u.fsPath)} not changed in the editor`);
      }
    } finally {
      await vscode.commands.executeCommand('notifications.hideList');
      for (const u of bulk) fs.rmSync(u.fsPath, { force: true });
      await waitForAll(bulk, (ds) => ds.length === 0, `the server to drop the ${BULK_FILES} files`);
    }
  });

  test('Review in the refactor preview lists the files unticked: Discard changes nothing, a ticked file is all Apply changes, Undo takes it back; Cancel in the pick changes nothing', async function () {
    if (!uiAvailable()) this.skip();
    const files = await seedFiles();
    const docs = await Promise.all(files.map((u) => vscode.workspace.openTextDocument(u)));
    const before = docs.map((d) => d.getText());
    const S000 = '000_ad37a12b72859678.txt';
    /** The quick pick after the clean: Apply all (first), Review in the refactor preview, Cancel. */
    const choose = async (item: string) => {
      const pick = await ui({ action: 'text', selector: '.quick-input-widget', hasText: 'Clean workspace: safe fixes' });
      assert.match(pick, /Apply all: \d+ fixes in \d+ files/, pick);
      assert.match(pick, /Review in the refactor preview/, pick);
      await ui({ action: 'click', selector: '.quick-input-widget .monaco-list-row', hasText: item });
    };
    const preview = async () => {
      await choose('Review in the refactor preview');
      // One entry per file the clean changes (the tree shows the first ones; it scrolls).
      const shown = await ui({ action: 'text', selector: '.bulk-edit-panel', hasText: '001_f2b6781d392f61d3.txt', timeoutMs: 30_000 });
      assert.match(shown, /000_ad37a12b72859678\.txt/, shown);
    };

    const discarded = vscode.commands.executeCommand('seedCurator.cleanWorkspace') as Thenable<CleanResult>;
    await preview();
    await screenshot('clean-preview.png');
    await ui({ action: 'click', selector: '.bulk-edit-panel .monaco-button', hasText: 'Discard' });
    await ui({ action: 'gone', selector: '.bulk-edit-panel .monaco-button', hasText: 'Discard' });
    const none = await discarded;
    assert.equal(none.applied, false, 'Discard applies nothing');
    assert.ok(none.files >= 2);
    for (const [i, d] of docs.entries()) assert.equal(d.getText(), before[i], `${path.basename(d.uri.fsPath)} unchanged after Discard`);

    const escaped = vscode.commands.executeCommand('seedCurator.cleanWorkspace') as Thenable<CleanResult>;
    await choose('Cancel');
    assert.equal((await escaped).applied, false, 'Cancel in the pick applies nothing');
    for (const [i, d] of docs.entries()) assert.equal(d.getText(), before[i], `${path.basename(d.uri.fsPath)} unchanged after Cancel`);

    // Edits that need confirmation start unticked (VS Code's rule): tick one file, Apply.
    const applying = vscode.commands.executeCommand('seedCurator.cleanWorkspace') as Thenable<CleanResult>;
    await preview();
    await ui({ action: 'click', selector: `.bulk-edit-panel .monaco-list-row:has-text("${S000}") .edit-checkbox` });
    await ui({ action: 'click', selector: '.bulk-edit-panel .monaco-button', hasText: 'Apply' });
    const result = await applying;
    assert.equal(result.applied, true);
    assert.equal(result.cancelled, false);
    for (const [i, d] of docs.entries()) {
      if (d.uri.fsPath.endsWith(S000)) assert.notEqual(d.getText(), before[i], `${S000} cleaned`);
      else assert.equal(d.getText(), before[i], `${path.basename(d.uri.fsPath)} was not ticked: unchanged`);
    }
    // Edit > Undo takes it back (VS Code may have saved the refactoring meanwhile,
    // files.refactoring.autoSave; a save puts the restored text on disk either way).
    const s000 = docs.find((d) => d.uri.fsPath.endsWith(S000))!;
    await vscode.window.showTextDocument(s000);
    await vscode.commands.executeCommand('undo');
    assert.equal(s000.getText(), before[docs.indexOf(s000)], `${S000} restored by Undo`);
    await s000.save();
    for (const [i, d] of docs.entries()) assert.equal(fs.readFileSync(d.uri.fsPath, 'utf8'), before[i], `${path.basename(d.uri.fsPath)} restored on disk`);
  });

  test('Apply all applies the safe fixes to every damaged file and reports them per rule; one Undo in a file restores them all', async () => {
    const docs = await Promise.all((await seedFiles()).map((u) => vscode.workspace.openTextDocument(u)));
    const before = docs.map((d) => d.getText());
    let result: CleanResult;
    if (uiAvailable()) {
      // As a person: "Apply all" in the pick.
      const running = vscode.commands.executeCommand('seedCurator.cleanWorkspace') as Thenable<CleanResult>;
      await ui({ action: 'click', selector: '.quick-input-widget .monaco-list-row', hasText: 'Apply all' });
      result = await running;
    } else {
      result = (await vscode.commands.executeCommand('seedCurator.cleanWorkspace', { confirm: false })) as CleanResult;
    }
    assert.equal(result.cancelled, false);
    assert.equal(result.applied, true);
    assert.equal(result.files, result.edit.documentChanges.length);
    assert.ok(result.files >= 2, `files changed: ${result.files}`);
    assert.ok((result.fixedByRule['pinyin-annotation'] ?? 0) > 0, JSON.stringify(result.fixedByRule));
    const changed = result.edit.documentChanges.map((c) => path.basename(vscode.Uri.parse(c.textDocument.uri).fsPath));
    assert.ok(changed.includes('001_f2b6781d392f61d3.txt') && changed.includes('003_19257488ec84b839.txt'), changed.join(', '));
    for (const change of result.edit.documentChanges) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(change.textDocument.uri));
      assert.doesNotMatch(doc.getText(), ANNOTATION, path.basename(doc.uri.fsPath));
    }
    // Edit > Undo in one of the files takes the whole workspace edit back.
    await vscode.window.showTextDocument(docs.find((d) => d.uri.fsPath.endsWith('003_19257488ec84b839.txt'))!);
    await vscode.commands.executeCommand('undo');
    for (const [i, d] of docs.entries()) assert.equal(d.getText(), before[i], `${path.basename(d.uri.fsPath)} restored by the one undo`);
  });
});
