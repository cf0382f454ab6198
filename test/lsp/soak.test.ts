// Soak (issue 9) against the BUILT server over stdio: a burst of 1,000 edits on one
// document with requests in between, and 2,000 documents opened at once. Every
// request is answered, the last diagnostics are those of the last version, closed
// documents are cleared, and memory stays bounded. Waits on server messages only.
import { strict as assert } from 'node:assert';
import { LspSession } from '../support/lsp-session';
import { generateDocuments } from '../../bench/generate';

const EDITS = 1000;
const OPEN = 2000;
/** Generous: the server idles near 100 MB; a leak of analyses per version or per file would pass it. */
const PEAK_RSS_LIMIT = 900 * 1024 * 1024;

describe('language server soak (burst of edits, 2,000 documents at once)', function () {
  this.timeout(180000);
  let session: LspSession;

  before(async () => {
    session = await LspSession.start({ settings: { debounceMs: 20 } });
  });
  after(async () => {
    await session?.stop();
  });

  it(`answers every request during ${EDITS} edits in a burst and publishes the last version last`, async function () {
    const uri = 'file:///soak/burst.txt';
    const base = generateDocuments({ seed: 5, files: 1 })[0].text;
    session.open(uri, base, 1);
    await session.nextPublication(uri, 1, 0);
    const requests: Promise<unknown>[] = [];
    let text = base;
    for (let v = 2; v <= EDITS + 1; v++) {
      // Typing at the end, with an entity now and then so findings change with the text.
      text += v % 7 === 0 ? '&nbsp;' : '字';
      session.change(uri, text, v);
      if (v % 50 === 0) {
        requests.push(session.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }));
        requests.push(session.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } }));
      }
    }
    await Promise.all(requests);
    const last = await session.nextPublication(uri, EDITS + 1, 0);
    // A round trip after the last publication: anything still queued would have arrived by now.
    await session.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(session.latest.get(uri)!.version, EDITS + 1, 'no older version published after the last one');
    const entities = last.diagnostics.filter((d) => d.code === 'html-entity').length;
    assert.ok(entities >= Math.floor(EDITS / 7), `the last diagnostics see every entity typed (${entities})`);
    const published = session.published.filter((p) => p.uri === uri).length;
    assert.ok(published < EDITS / 2, `debounced: ${published} publications for ${EDITS} edits`);
  });

  it(`opens ${OPEN} documents at once, diagnoses each, clears each on close, within bounded memory`, async function () {
    // Short documents keep the run short; the count, not their size, is what is soaked.
    const docs = generateDocuments({ seed: 9, files: OPEN }).map((d, i) => ({ uri: `file:///soak/many/${i}.txt`, text: d.text.split('\n').slice(0, 6).join('\n') + `\n文件${i}` }));
    const since = session.published.length;
    for (const d of docs) session.open(d.uri, d.text, 1);
    const answered = await session.conn.sendRequest('textDocument/hover', { textDocument: { uri: docs[OPEN - 1].uri }, position: { line: 0, character: 0 } });
    assert.ok(answered === null || typeof answered === 'object');
    await session.until(() => (docs.every((d) => session.latest.get(d.uri)?.version === 1) ? true : undefined), `diagnostics of all ${OPEN} documents`, 150000);
    assert.ok(session.published.length - since >= OPEN);
    for (const d of docs) session.conn.sendNotification('textDocument/didClose', { textDocument: { uri: d.uri } });
    await session.until(() => (docs.every((d) => session.latest.get(d.uri)?.diagnostics.length === 0 && session.latest.get(d.uri)?.version === undefined) ? true : undefined), 'cleared diagnostics of closed documents', 60000);
    const memory = session.memory();
    if (memory) assert.ok(memory.peak < PEAK_RSS_LIMIT, `peak RSS ${(memory.peak / 1048576).toFixed(0)} MB`);
  });
});
