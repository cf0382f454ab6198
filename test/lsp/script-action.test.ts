// The script conversion is offered as a quick fix that runs the client's preview command.
import assert from 'node:assert/strict';
import { startSeedServer, type SeedServer } from './client';

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
      const published = await server.publication((p) => p.uri === uri, `diagnostics of ${name}`);
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
});
