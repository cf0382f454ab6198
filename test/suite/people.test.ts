// People in a real VS Code: the hover the editor shows over an official's name, through the
// language client, and (with SEED_CURATOR_SCREENSHOT_DIR) a picture of it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot, screenshotsEnabled } from './screenshot';

const SEED_FILE = '004_b09956585209fd7f.txt';
const EXTENSION_ID = 'seed-curator.seed-curator';
const STATEMENT = '苏州市委书记刘小涛';
const TIMEOUT_MS = 30_000;

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Resolves once the server has published diagnostics for `uri`: it has the document. */
function diagnosed(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) done();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no diagnostics for ${uri.fsPath} within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    if (vscode.languages.getDiagnostics(uri).length > 0) done();
  });
}

suite('People in a real VS Code', () => {
  let doc: vscode.TextDocument;
  let position: vscode.Position;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    const api = await extension.activate();
    await api?.ready;
    const [uri] = await vscode.workspace.findFiles(`**/${SEED_FILE}`, '**/node_modules/**', 1);
    assert.ok(uri, `${SEED_FILE} is in the workspace`);
    const seen = diagnosed(uri);
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await seen;
    const at = doc.getText().indexOf(STATEMENT);
    assert.ok(at >= 0, `${STATEMENT} is in ${SEED_FILE}`);
    position = doc.positionAt(at + STATEMENT.length - 2); // on 小 of 刘小涛
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('hovering 刘小涛 shows his post, the date and the source file', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    const text = hoverText(hovers ?? []);
    assert.ok(text.includes('**刘小涛**'), `the name in:\n${text}`);
    assert.ok(text.includes('劉小濤'), 'the Traditional form');
    const roleLine = text.split('\n').find((l) => l.includes('苏州市委书记'));
    assert.ok(roleLine, `a role line with 苏州市委书记 in:\n${text}`);
    assert.ok(roleLine.includes('2025-03-03'), roleLine);
    assert.ok(roleLine.includes(`](${doc.uri.toString()}#L`), `a link to the file in ${roleLine}`);
    const hover = (hovers ?? []).find((h) => h.range && doc.getText(h.range) === '刘小涛');
    assert.ok(hover, 'the hover range is the name');

    if (screenshotsEnabled()) {
      const editor = vscode.window.activeTextEditor!;
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.showHover');
      // The hover widget renders asynchronously and signals nothing: give it a moment before the picture.
      await new Promise((r) => setTimeout(r, 1500));
      await screenshot('people-hover.png');
    }
  });

  test('go to definition and references answer from the index', async () => {
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, position);
    assert.equal(definitions?.length, 1);
    const d = definitions[0];
    const range = 'targetRange' in d ? d.targetRange : d.range;
    assert.equal(doc.getText(range), STATEMENT, 'the role statement');
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, position);
    const expected = doc.getText().split('刘小涛').length - 1;
    assert.equal(references?.length, expected);
    for (const r of references) assert.equal(doc.getText(r.range), '刘小涛');
  });
});
