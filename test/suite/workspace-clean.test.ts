// "Clean workspace" in a real VS Code. It changes every seed file of the test workspace, so it
// lives in this file, which the suite loads last (files run in name order).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'seed-curator.seed-curator';
const ANNOTATION = /\p{Script=Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/u;

suite('Clean workspace', () => {
  test('applies the safe fixes to every damaged file and reports them per rule', async () => {
    const extension = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
    assert.ok(extension);
    await (await extension.activate()).ready;
    const result = (await vscode.commands.executeCommand('seedCurator.cleanWorkspace', { confirm: false })) as {
      applied: boolean;
      cancelled: boolean;
      files: number;
      fixedByRule: Record<string, number>;
      edit: { documentChanges: { textDocument: { uri: string } }[] };
    };
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
  });
});
