// The extension in a real VS Code: the client starts the language server, which publishes
// diagnostics for an opened seed file and answers code actions whose edits the editor applies.
// Runs in the extension host (test/e2e/run.mjs: code-server; test/e2e/runTest.ts: desktop VS Code).
// No sleeps: every wait is an event (onDidChangeDiagnostics) raced against a timeout.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, describe, ours, waitForDiagnostics } from './diagnostics';

const SEED_FILE = '003_19257488ec84b839.txt';
const SOURCE = 'seed-curator';
const LANGUAGE_ID = 'seedtext';
const EXTENSION_ID = 'seed-curator.seed-curator';
const FIX_ALL_KIND = 'source.fixAll.seedCurator';
const PINYIN = 'pinyin-annotation';
const ENTITY = 'html-entity';
// A Han character followed by a parenthesised pinyin syllable, as the pinyin-annotation rule sees it.
const PINYIN_LETTERS = 'a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ';
const ANNOTATION = new RegExp(`\\p{Script=Han}[(（][${PINYIN_LETTERS}]{1,7}[)）]`, 'gu');

const isPinyinWarning = (d: vscode.Diagnostic) => codeOf(d) === PINYIN && d.severity === vscode.DiagnosticSeverity.Warning;

suite('Seed Curator in a real VS Code', () => {
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let initial: vscode.Diagnostic[];

  suiteSetup(async () => {
    const found = await vscode.workspace.findFiles(`**/${SEED_FILE}`, '**/node_modules/**', 2);
    assert.equal(found.length, 1, `expected exactly one ${SEED_FILE} in the workspace, found ${found.length}`);
    uri = found[0];
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
  });

  suiteTeardown(async () => {
    // The workspace is a throwaway copy, but leave no dirty editor behind.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('opens seed files as seedtext and activates the extension', async () => {
    assert.equal(doc.languageId, LANGUAGE_ID);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('publishes pinyin-annotation and html-entity diagnostics for the opened file', async () => {
    initial = await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => codeOf(d) === PINYIN) && ds.some((d) => codeOf(d) === ENTITY),
      `${PINYIN} and ${ENTITY} diagnostics`,
    );
    for (const d of initial) assert.equal(d.source, SOURCE);

    const pinyin = initial.filter(isPinyinWarning);
    assert.ok(pinyin.length > 0, `no ${PINYIN} warning among ${describe(initial)}`);
    for (const d of pinyin) {
      const text = doc.getText(d.range);
      assert.match(text, new RegExp(`^[(（][${PINYIN_LETTERS}]+[)）]$`, 'u'), `a ${PINYIN} diagnostic covers ${JSON.stringify(text)}`);
      const before = doc.getText(new vscode.Range(d.range.start.translate(0, -1), d.range.start));
      assert.match(before, /^\p{Script=Han}$/u, `${text} does not follow a Han character`);
    }

    // `?middot;武隆`: an &middot; whose & was lost to `?`.
    const middot = doc.getText().indexOf('?middot;武隆');
    assert.ok(middot >= 0, 'the seed no longer contains ?middot;武隆');
    const entity = initial.find((d) => codeOf(d) === ENTITY && d.range.contains(doc.positionAt(middot)));
    assert.ok(entity, `no ${ENTITY} diagnostic at ?middot; (${describe(initial)})`);
    assert.equal(doc.getText(entity.range), '?middot;');
  });

  test('the pinyin-annotation quick fix removes exactly that annotation', async () => {
    const diagnostics = initial ?? (await waitForDiagnostics(uri, (ds) => ds.some(isPinyinWarning), `${PINYIN} warnings`));
    const target = diagnostics.find(isPinyinWarning);
    assert.ok(target, `no ${PINYIN} warning to fix (${describe(diagnostics)})`);
    const annotation = doc.getText(target.range);
    const han = doc.getText(new vscode.Range(target.range.start.translate(0, -1), target.range.start));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range);
    const titles = (actions ?? []).map((a) => a.title);
    const fix = (actions ?? []).find(
      (a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value && a.title === `Remove pinyin annotation ${annotation}`,
    );
    assert.ok(fix, `no "Remove pinyin annotation ${annotation}" quick fix among ${JSON.stringify(titles)}`);
    assert.ok(fix.edit, 'the quick fix carries no edit');
    assert.equal(fix.isPreferred, true, 'a safe fix should be the preferred one');

    const before = doc.getText();
    const start = doc.offsetAt(target.range.start);
    const end = doc.offsetAt(target.range.end);
    const pinyinBefore = ours(uri).filter(isPinyinWarning).length;
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the editor refused the quick fix edit');

    // 發(fā)展 → 發展: the annotation is gone, nothing else moved.
    assert.equal(doc.getText(), before.slice(0, start) + before.slice(end));
    assert.equal(doc.getText(new vscode.Range(target.range.start.translate(0, -han.length), target.range.start)), han);

    // The server re-checks the edited document: one pinyin warning fewer.
    await waitForDiagnostics(uri, (ds) => ds.filter(isPinyinWarning).length === pinyinBefore - 1, `${pinyinBefore - 1} ${PINYIN} warnings after the fix`);
  });

  test(`${FIX_ALL_KIND} removes every pinyin annotation`, async () => {
    await waitForDiagnostics(uri, (ds) => ds.some(isPinyinWarning), `${PINYIN} warnings before the fix-all`);
    const whole = doc.validateRange(new vscode.Range(0, 0, doc.lineCount, 0));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, FIX_ALL_KIND);
    const fixAll = (actions ?? []).find((a) => a.kind?.value === FIX_ALL_KIND);
    assert.ok(fixAll, `no ${FIX_ALL_KIND} action among ${JSON.stringify((actions ?? []).map((a) => `${a.kind?.value}: ${a.title}`))}`);
    assert.ok(fixAll.edit, `the ${FIX_ALL_KIND} action carries no edit`);
    const before = doc.getText();
    assert.equal(await vscode.workspace.applyEdit(fixAll.edit), true, 'the editor refused the fix-all edit');
    assert.notEqual(doc.getText(), before, 'the fix-all changed nothing');

    // The server agrees: no pinyin-annotation warning is left, and (the ?middot; fix is safe) no entity.
    const after = await waitForDiagnostics(
      uri,
      (ds) => !ds.some(isPinyinWarning) && !ds.some((d) => codeOf(d) === ENTITY),
      `no ${PINYIN} warning and no ${ENTITY} after the fix-all`,
    );
    // And the text says so too: every Han(pinyin) left is one the server only calls probable
    // (an information diagnostic whose fix is not safe, so fix-all leaves it).
    const probable = after.filter((d) => codeOf(d) === PINYIN);
    const text = doc.getText();
    const left = [...text.matchAll(ANNOTATION)].filter((m) => {
      const at = doc.positionAt(m.index! + [...m[0]][0].length); // after the Han character
      return !probable.some((d) => d.range.start.isEqual(at));
    });
    assert.deepEqual(left.map((m) => m[0]), [], 'pinyin annotations left after the fix-all');
    assert.ok(!text.includes('?middot;'), '?middot; is still there');
    assert.ok(text.includes('·武隆'), '?middot; was not decoded to ·');
  });
});
