// The editor commands in a real VS Code, run as a person would through the command palette's
// commands (vscode.commands.executeCommand), checking what they did to the files and the UI.
// Files changed here are reverted, so the other suites see the seeds as copied; Clean workspace,
// which changes them all, is in workspace-clean.test.ts, which runs last.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectVariant } from '../../server/src/script/variant';
import { screenshot } from './screenshot';
import { ui, uiAvailable } from './ui';

const EXTENSION_ID = 'seed-curator.seed-curator';
const SOURCE = 'seed-curator';
const S001 = '001_f2b6781d392f61d3.txt';
const S002 = '002_e0e838bfc07b6f33.txt';
const S003 = '003_19257488ec84b839.txt';
const ANNOTATION = /\p{Script=Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/u;
const TIMEOUT_MS = 30_000;

interface Api {
  ready: Promise<void>;
  ui: { statusBar: vscode.StatusBarItem; reportPanel(): vscode.WebviewPanel | undefined };
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** Resolves once `predicate` holds for our diagnostics of `uri` (now or after a change event). */
function waitForDiagnostics(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = ours(uri);
      if (!predicate(ds)) return false;
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} on ${path.basename(uri.fsPath)} (${ours(uri).length} diagnostics)`));
    }, TIMEOUT_MS);
    check();
  });
}

async function seedUri(name: string): Promise<vscode.Uri> {
  const found = await vscode.workspace.findFiles(`**/${name}`, '**/node_modules/**', 2);
  assert.equal(found.length, 1, `one ${name} in the workspace`);
  return found[0];
}

async function show(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(await seedUri(name));
  return vscode.window.showTextDocument(doc);
}

/** Puts a changed (unsaved) document back to the text on disk. */
async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, `${path.basename(doc.uri.fsPath)} reverted`);
}

/** For screenshots only: lets the workbench paint a widget that opens asynchronously. */
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

suite('Editor commands', () => {
  let api: Api;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
    api = await extension.activate();
    await api.ready;
  });

  test('Clean this file applies the safe fixes as one undo step', async () => {
    const editor = await show(S001);
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'pinyin-annotation'), 'pinyin diagnostics');
    const original = doc.getText();
    assert.match(original, ANNOTATION);
    const result = (await vscode.commands.executeCommand('seedCurator.cleanFile')) as { applied: boolean; fixedByRule: Record<string, number> };
    assert.equal(result.applied, true);
    assert.ok((result.fixedByRule['pinyin-annotation'] ?? 0) > 0, JSON.stringify(result.fixedByRule));
    assert.doesNotMatch(doc.getText(), ANNOTATION);
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'pinyin-annotation'), 'no pinyin diagnostics after cleaning');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'a single undo restores the file');
    await revert(doc);
  });

  test('Convert to Simplified repairs and converts the document, or converts only the selection', async () => {
    const editor = await show(S001);
    const doc = editor.document;
    const original = doc.getText();
    assert.equal(detectVariant(original).variant, 'zh-Hant');
    const result = (await vscode.commands.executeCommand('seedCurator.convertToSimplified', { preview: false })) as { applied: boolean; config: string; ambiguous: unknown[] };
    assert.equal(result.applied, true);
    assert.match(result.config, /^(tw2s|hk2s|t2s)$/);
    assert.ok(result.ambiguous.length > 0, 'the preview lists ambiguous characters of seed 001');
    assert.equal(detectVariant(doc.getText()).variant, 'zh-Hans');
    assert.doesNotMatch(doc.getText(), ANNOTATION, 'repairs ran before the conversion');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original);

    // The selection: one Traditional line converted, every other line untouched.
    const lineIndex = [...Array(doc.lineCount).keys()].find((i) => /[發這會們國]/.test(doc.lineAt(i).text))!;
    assert.ok(lineIndex !== undefined, 'seed 001 has a line in Traditional');
    editor.selection = new vscode.Selection(doc.lineAt(lineIndex).range.start, doc.lineAt(lineIndex).range.end);
    const partial = (await vscode.commands.executeCommand('seedCurator.convertToSimplified', { preview: false })) as { applied: boolean };
    assert.equal(partial.applied, true);
    const before = original.split('\n');
    const after = doc.getText().split('\n');
    assert.equal(after.length, before.length);
    for (let i = 0; i < before.length; i++) if (i !== lineIndex) assert.equal(after[i], before[i], `line ${i + 1} untouched`);
    assert.notEqual(after[lineIndex], before[lineIndex]);
    assert.doesNotMatch(after[lineIndex], /[發這會們國]/);
    await revert(doc);
  });

  test('Convert to Simplified on a selection: the quick pick lists the ambiguous characters; Escape cancels, Enter converts', async function () {
    if (!uiAvailable()) this.skip();
    const editor = await show(S001);
    const doc = editor.document;
    const original = doc.getText();
    const lineIndex = [...Array(doc.lineCount).keys()].find((i) => /發/.test(doc.lineAt(i).text))!;
    assert.ok(lineIndex !== undefined, 'seed 001 has a line with 發');
    const select = () => (editor.selection = new vscode.Selection(doc.lineAt(lineIndex).range.start, doc.lineAt(lineIndex).range.end));
    type Result = { applied: boolean; ambiguous: { char: string; becomes: string }[] };

    // Cancel: the pick shows what would happen, Escape leaves the text alone.
    select();
    const cancelled = vscode.commands.executeCommand('seedCurator.convertToSimplified') as Thenable<Result>;
    const shown = await ui({ action: 'text', selector: '.quick-input-widget', hasText: 'review the ambiguous characters' });
    assert.match(shown, /Convert with OpenCC/);
    assert.match(shown, /發 → 发/, `the ambiguous 發 is listed:\n${shown}`);
    await ui({ action: 'press', key: 'Escape' });
    const none = await cancelled;
    assert.equal(none.applied, false);
    assert.ok(none.ambiguous.some((a) => a.char === '發' && a.becomes === '发'));
    assert.equal(doc.getText(), original, 'cancelled: the document is unchanged');

    // Convert: Enter on the first item converts the selected line, and nothing else.
    select();
    const converting = vscode.commands.executeCommand('seedCurator.convertToSimplified') as Thenable<Result>;
    await ui({ action: 'text', selector: '.quick-input-widget', hasText: 'review the ambiguous characters' });
    await screenshot('convert-pick.png');
    await ui({ action: 'press', key: 'Enter' });
    const done = await converting;
    assert.equal(done.applied, true);
    const before = original.split('\n');
    const after = doc.getText().split('\n');
    for (let i = 0; i < before.length; i++) if (i !== lineIndex) assert.equal(after[i], before[i], `line ${i + 1} untouched`);
    assert.ok(after[lineIndex].includes('发') && !after[lineIndex].includes('發'), after[lineIndex]);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo restores the line');
    await revert(doc);
  });

  test('the status bar counts the findings of the file and the corpus', async () => {
    const editor = await show(S002);
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'diagnostics');
    const m = /file (\d+) · corpus (\d+)/.exec(api.ui.statusBar.text);
    assert.ok(m, api.ui.statusBar.text);
    assert.equal(Number(m[1]), ours(editor.document.uri).length);
    assert.ok(Number(m[2]) >= ds.length);
    assert.equal((api.ui.statusBar.command as string | undefined) ?? '', 'seedCurator.showReport');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems-002.png');
  });

  test('Show corpus report opens a webview whose rows link to the files', async () => {
    // The workspace scan is done once every seed has its findings (also when this test runs alone).
    for (const uri of await vscode.workspace.findFiles('**/seeds/*.txt')) await waitForDiagnostics(uri, (ds) => ds.length > 0, 'findings of the scan');
    await show(S002);
    const result = (await vscode.commands.executeCommand('seedCurator.showReport')) as { files: number; findings: number; byRule: Record<string, number> };
    assert.equal(result.files, 5);
    assert.ok(result.findings > 0);
    const panel = api.ui.reportPanel();
    assert.ok(panel, 'the report panel is open');
    const html = panel.webview.html;
    assert.ok(html.includes(S002) && html.includes(S003), 'every file has a row');
    assert.match(html, /href="command:seedCurator\.openLocation\?/);
    assert.doesNotMatch(html, /<script/);
    if (uiAvailable()) {
      // What a person sees: the webview's document holds the table's rule names and file names.
      const top = Object.entries(result.byRule).sort((a, b) => b[1] - a[1])[0][0];
      const shown = await ui({ action: 'webviewText', text: top, timeoutMs: 30_000 });
      assert.ok(shown.includes(S002), `the rendered report names ${S002}`);
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await screenshot('report.png');
    }
    // A link's command opens the place it names.
    const href = /href="command:seedCurator\.openLocation\?([^"]+)"/.exec(html)![1];
    const [uri, line] = JSON.parse(decodeURIComponent(href)) as [string, number, number];
    const opened = (await vscode.commands.executeCommand('seedCurator.openLocation', ...JSON.parse(decodeURIComponent(href)))) as vscode.TextEditor;
    assert.equal(opened.document.uri.toString(), uri);
    assert.equal(opened.selection.active.line, line);
    panel.dispose();
  });

  test('a quick fix accepts a line as content; the finding stays away until accepted.json goes', async () => {
    const editor = await show(S002);
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'boilerplate-app-prompt'), 'boilerplate diagnostics');
    const target = ds.find((x) => codeOf(x) === 'boilerplate-app-prompt')!;
    const line = target.range.start.line;
    const sameFinding = (x: vscode.Diagnostic) => codeOf(x) === codeOf(target) && x.range.start.line === line;
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value)) as vscode.CodeAction[];
    const accept = actions.find((a) => a.title === `Accept this line as content / ignore this ${codeOf(target)} finding`);
    assert.ok(accept?.command, `an accept action among: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(accept.command.command, ...(accept.command.arguments ?? []));
    await waitForDiagnostics(uri, (d) => !d.some(sameFinding), 'the accepted finding to go');
    const folder = vscode.workspace.getWorkspaceFolder(uri)!.uri.fsPath;
    const file = path.join(folder, '.seed-curator', 'accepted.json');
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(saved.accepted.map((e: { rule: string }) => e.rule), [codeOf(target)]);
    fs.rmSync(file);
    await waitForDiagnostics(uri, (d) => d.some(sameFinding), 'the finding back once accepted.json is deleted');
  });

  test('Export cleaned corpus and people table write files with content', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-curator-export-'));
    const corpus = (await vscode.commands.executeCommand('seedCurator.exportCorpus', { folder: vscode.Uri.file(out) })) as { files: number };
    assert.equal(corpus.files, 5);
    const records = fs.readFileSync(path.join(out, 'documents.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(records.length, 5);
    for (const r of records) {
      assert.equal(fs.readFileSync(path.join(out, r.path), 'utf8'), r.text, r.path);
      assert.doesNotMatch(r.text, ANNOTATION, r.path);
    }
    const csvFile = path.join(out, 'people.csv');
    const people = (await vscode.commands.executeCommand('seedCurator.exportPeople', { target: vscode.Uri.file(csvFile) })) as { people: number; rows: number };
    const lines = fs.readFileSync(csvFile, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'name,aliases,kind,role,title,organization,date,file,line,mentions');
    assert.equal(lines.length - 1, people.rows);
    assert.ok(people.people > 0, 'the seeds name officials');
    fs.rmSync(out, { recursive: true, force: true });
  });

  test('screenshot: a quick fix on seed 003', async function () {
    if (!process.env.SEED_CURATOR_SCREENSHOT_DIR) this.skip();
    const editor = await show(S003);
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'pinyin-annotation'), 'pinyin diagnostics');
    const target = ds.find((x) => codeOf(x) === 'pinyin-annotation')!;
    editor.selection = new vscode.Selection(target.range.start, target.range.start);
    editor.revealRange(target.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('editor.action.quickFix');
    await settle(1500);
    await screenshot('quick-fix-003.png');
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });
});
