// Workspace trust over the protocol (issue 9): a session the client starts as untrusted reads
// neither .seed-curator/accepted.json nor .seed-curator/protect.txt and offers no "Accept this
// line" quick fix; the client's trust notification brings both in without a restart.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { startSeedServer, type PublishParams, type SeedServer } from './client';
import { ACCEPTED_FILE, CONVERT_SCRIPT, PROTECT_FILE, WORKSPACE_TRUSTED } from '../../server/src/protocol';

const S002 = '002_e0e838bfc07b6f33.txt';
const S003 = '003_19257488ec84b839.txt';
// Line 5 of seed 002 is the app prompt "下载APP"; 濟南 is a Traditional term of seed 003.
const ACCEPTED = { rule: 'boilerplate-app-prompt', line: '下载APP', lineIndex: 4 };
const TERM = '濟南';

async function prepare(workspace: string): Promise<void> {
  await fs.mkdir(path.join(workspace, '.seed-curator'), { recursive: true });
  await fs.writeFile(path.join(workspace, ACCEPTED_FILE), JSON.stringify({ version: 1, accepted: [{ rule: ACCEPTED.rule, line: ACCEPTED.line }] }));
  await fs.writeFile(path.join(workspace, PROTECT_FILE), `# kept as written\n${TERM}\n`);
}

const acceptedFinding = (p: PublishParams) => p.diagnostics.some((d) => d.code === ACCEPTED.rule && d.range.start.line === ACCEPTED.lineIndex);

async function convertedText(server: SeedServer): Promise<string> {
  const result: any = await server.conn.sendRequest(CONVERT_SCRIPT, { uri: server.seedUri(S003), to: 'zh-Hans' });
  assert.equal(result.config, 'tw2s');
  return result.edit.documentChanges[0].edits.map((e: { newText: string }) => e.newText).join('');
}

async function acceptActions(server: SeedServer, published: PublishParams): Promise<string[]> {
  const diagnostic = published.diagnostics.find((d) => d.code === ACCEPTED.rule)!;
  assert.ok(diagnostic, `a ${ACCEPTED.rule} diagnostic`);
  const actions: { title: string }[] = await server.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: published.uri },
    range: diagnostic.range,
    context: { diagnostics: [{ ...diagnostic, source: 'seed-curator' }] },
  });
  return actions.map((a) => a.title).filter((t) => t.startsWith('Accept this line as content'));
}

describe('language server: workspace trust', function () {
  this.timeout(60_000);
  let server: SeedServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('a trusted session (and a client that says nothing about trust) reads accepted.json and protect.txt', async () => {
    for (const initializationOptions of [undefined, { workspaceTrusted: true }]) {
      server = await startSeedServer({}, { prepare, initializationOptions });
      await server.scanned();
      // Opened: the app prompts stand in a block of page furniture, hints, published for open documents only.
      const p002 = await server.opened(S002);
      assert.equal(acceptedFinding(p002), false, 'the accepted finding is left out');
      assert.ok(p002.diagnostics.some((d) => d.code === ACCEPTED.rule), 'other app prompts are still reported');
      assert.ok((await convertedText(server)).includes(TERM), `${TERM} kept by protect.txt`);
      await server.stop();
      server = undefined;
    }
  });

  it('an untrusted session ignores both files until the client says the workspace is trusted', async () => {
    server = await startSeedServer({}, { prepare, initializationOptions: { workspaceTrusted: false } });
    await server.scanned();
    const uri = server.seedUri(S002);
    const before = await server.opened(S002);
    assert.equal(acceptedFinding(before), true, 'accepted.json is not read: the finding is reported');
    assert.deepEqual(await acceptActions(server, before), [], 'no accept quick fix: it would write a file that is not read');
    const untrusted = await convertedText(server);
    assert.ok(!untrusted.includes(TERM) && untrusted.includes('济南'), 'protect.txt is not read: the term is converted');

    const since = server.published.length;
    await server.conn.sendNotification(WORKSPACE_TRUSTED, { trusted: true });
    const after = await server.publication((p) => p.uri === uri && !acceptedFinding(p), 'diagnostics of 002 without the accepted finding', since);
    assert.ok(after.diagnostics.some((d) => d.code === ACCEPTED.rule), 'other app prompts are still reported');
    assert.equal((await acceptActions(server, after)).length, 1, 'the accept quick fix is offered once trusted');
    assert.ok((await convertedText(server)).includes(TERM), `${TERM} kept once trusted`);
  });
});
