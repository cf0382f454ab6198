// The script conversion is offered as a quick fix that runs the client's preview command.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { offsetAt, startSeedServer, type SeedServer } from './client';
import { CONVERT_SCRIPT } from '../../server/src/protocol';

describe('language server: script conversion quick fix', function () {
  this.timeout(60_000);
  let server: SeedServer;
  before(async () => {
    server = await startSeedServer();
    await server.scanned();
  });
  after(async () => server?.stop());

  it('offers "Repair and convert…" on a Traditional seed, as the convert command, and nothing on a Simplified one', async () => {
    const actionsFor = async (name: string) => {
      const uri = server.seedUri(name);
      // Opened: the Simplified seed's script-variant finding is a hint, published for open documents only.
      const published = await server.opened(name);
      const diagnostic = published.diagnostics.find((d) => d.code === 'script-variant')!;
      assert.ok(diagnostic, `no script-variant diagnostic on ${name}`);
      const actions: any[] = await server.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [{ ...diagnostic, source: 'seed-curator' }] },
      });
      return actions.filter((a) => a.command?.command === 'seedCurator.convertToSimplified');
    };
    const traditional = await actionsFor('003_19257488ec84b839.txt');
    assert.equal(traditional.length, 1);
    assert.match(traditional[0].title, /Repair and convert the document to Simplified/);
    assert.equal(traditional[0].edit, undefined);
    assert.deepEqual(await actionsFor('004_b09956585209fd7f.txt'), []);
  });

  it('the conversion keeps the people the index knows, as their Simplified names', async () => {
    const uri = server.seedUri('003_19257488ec84b839.txt');
    const result: any = await server.conn.sendRequest(CONVERT_SCRIPT, { uri, to: 'zh-Hans' });
    assert.equal(result.config, 'tw2s');
    // 003 names 刘强, 于海田, 何庆 and six more, on top of the built-in traps.
    assert.ok(result.protectedCount >= 8, String(result.protectedCount));
    const before = readFileSync(fileURLToPath(uri), 'utf8');
    // The edits applied from the last, so the earlier offsets stay put.
    const edits = result.edit.documentChanges[0].edits.map((e: any) => ({ start: offsetAt(before, e.range.start), end: offsetAt(before, e.range.end), text: e.newText as string }));
    const converted = edits.sort((a: any, b: any) => b.start - a.start).reduce((text: string, e: any) => text.slice(0, e.start) + e.text + text.slice(e.end), before);
    assert.ok(converted.includes('济南市委书记刘强出席并讲话'));
    assert.ok(!converted.includes('濟南'));
  });
});
