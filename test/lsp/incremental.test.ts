// Incremental analysis of a large open document against the BUILT server over stdio
// (`node esbuild.mjs` first): an edit of a document whose lint is slow is published twice,
// first provisionally (line-local rules exact on the new text, the other rules carried over)
// and then completely; the complete diagnostics equal those of the same text analysed from
// scratch, and the `seedCurator/analysed` notification says which publication is which.
import { strict as assert } from 'node:assert';
import { generateDocuments } from '../../bench/generate';
import { LspSession, type PublishParams } from '../support/lsp-session';

interface Analysed { uri: string; version: number; complete: boolean }

const comparable = (p: PublishParams) =>
  p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`).sort();

describe('incremental analysis of a large document (LSP over stdio)', function () {
  this.timeout(120000);
  let session: LspSession;
  const analysed: Analysed[] = [];
  const waiting = new Set<() => void>();
  /** Resolves once the server announced the analysis of a version (complete or not). */
  const announced = (uri: string, version: number, complete: boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${complete ? 'complete' : 'provisional'} analysis of ${uri} v${version}`)), 60000);
      const check = () => {
        if (!analysed.some((a) => a.uri === uri && a.version === version && a.complete === complete)) return;
        clearTimeout(timer);
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
    });

  before(async () => {
    session = await LspSession.start({ settings: { debounceMs: 0 } });
    session.conn.onNotification('seedCurator/analysed', (a: Analysed) => {
      analysed.push(a);
      for (const check of [...waiting]) check();
    });
    // Settings pulled and the (empty) workspace scanned: the configuration stays as it is from here.
    await session.until(() => (session.progressEnded.size > 0 ? true : undefined), 'the end of the workspace scan');
  });
  after(async () => session?.stop());

  it('publishes the edited line at once, then the complete diagnostics of a fresh analysis', async function () {
    const uri = 'file:///incremental/large.txt';
    const text = generateDocuments({ seed: 7, totalBytes: 100 * 1024 }).map((d) => d.text).join('\n\n');
    session.open(uri, text, 1);
    await session.nextPublication(uri, 1, 0);

    // A new line with an entity in the middle, and a boilerplate line removed near the start.
    const middle = text.indexOf('\n', text.length >> 1);
    const line = '新增一行&nbsp;内容';
    let edited = `${text.slice(0, middle)}\n${line}${text.slice(middle)}`;
    const footer = edited.indexOf('\n扫一扫在手机打开当前页\n');
    if (footer >= 0) edited = edited.slice(0, footer) + edited.slice(footer + '\n扫一扫在手机打开当前页'.length);
    const since = session.published.length;
    session.change(uri, edited, 2);
    const first = await session.nextPublication(uri, 2, since);
    const newLine = edited.slice(0, edited.indexOf(line)).split('\n').length - 1;
    assert.ok(first.diagnostics.some((d) => d.code === 'html-entity' && d.range.start.line === newLine), 'the entity on the new line is in the first publication');

    await announced(uri, 2, true);
    const complete = session.latest.get(uri)!;
    assert.equal(complete.version, 2);
    assert.ok(analysed.some((a) => a.uri === uri && a.version === 2 && !a.complete), 'the first publication was provisional (the lint of 100 KB is slow)');

    // The same text opened afresh: the line rules' findings first, then the complete analysis
    // from scratch, equal to the incremental one. Nothing of the first publication goes.
    session.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const again = session.published.length;
    session.open(uri, edited, 3);
    const opened = await session.nextPublication(uri, 3, again);
    await announced(uri, 3, true);
    assert.ok(analysed.some((a) => a.uri === uri && a.version === 3 && !a.complete), 'the first publication after opening was provisional');
    const fresh = session.latest.get(uri)!;
    assert.deepEqual(comparable(complete), comparable(fresh));
    assert.ok(opened.diagnostics.some((d) => d.code === 'html-entity') && !opened.diagnostics.some((d) => d.code === 'boilerplate-debris'), 'line rules first, boilerplate with the complete lint');
    const freshSet = new Set(comparable(fresh));
    assert.ok(comparable(opened).every((d) => freshSet.has(d)), 'every finding of the first publication is in the complete one');

    // A hover over a boilerplate finding describes the whole-file fix rather than rendering the file.
    const boilerplate = fresh.diagnostics.find((d) => d.code === 'boilerplate-debris');
    assert.ok(boilerplate, 'the generated text has debris lines');
    const hover = (await session.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: boilerplate.range.start })) as { contents: { value: string } } | null;
    assert.ok(hover);
    assert.match(hover.contents.value, /Remove all boilerplate in this file[^\n]*\n\n_\d+ edits over lines \d+–\d+_/);
    assert.ok(hover.contents.value.length < 4000, `hover of ${hover.contents.value.length} characters`);
    session.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
});
