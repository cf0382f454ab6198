// The server's incremental lint (server/src/lsp/incremental-lint.ts): line-local rules run
// line by line from a cache, the others on the whole text. After any edits the result must
// equal a lint from scratch; an edit of one line lints one line again.
import { strict as assert } from 'node:assert';
import { generateDocuments, randomSource } from '../../bench/generate';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { Corpus } from '../../server/src/core/corpus';
import { SeedDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/types';
import { changedLines, DocumentLinter, LINE_LOCAL_RULES, merged } from '../../server/src/lsp/incremental-lint';

const URI = 'file:///edited.txt';
const plain = (findings: unknown) => JSON.parse(JSON.stringify(findings));

describe('incremental lint', function () {
  this.timeout(120000);
  const docs = generateDocuments({ seed: 3, files: 8 });
  const pool = docs.flatMap((d) => d.text.split('\n'));
  // Damage and line shapes the line-local rules care about, also at line starts and ends.
  const tricky = ['发布日期:2024-05-27', '5月20日至21日举行', '520日至21日', '2024年13月5日', '&nbsp;开头', '结尾&middot;', '\ufeff行首的BOM', '?', '? ? 缩进', '發(fā)展', '?(fā)展', 'decision -making', 'reporter He KeOn the morning', 'CafÃ© â€™', '\u200b', '\u0085Ã©', ''];

  function randomEdit(text: string, rnd: () => number): string {
    const lines = text.split('\n');
    const at = Math.floor(rnd() * (lines.length + 1));
    const pick = () => (rnd() < 0.5 ? tricky[Math.floor(rnd() * tricky.length)] : pool[Math.floor(rnd() * pool.length)]);
    const r = rnd();
    if (r < 0.3) lines.splice(at, 0, pick());
    else if (r < 0.5) lines.splice(at, 1);
    else if (r < 0.7) lines.splice(at, 1, pick());
    else if (r < 0.85 && lines[at] !== undefined) {
      // Typing inside a line, or joining it with the next.
      const l = lines[at];
      const k = Math.floor(rnd() * (l.length + 1));
      lines[at] = l.slice(0, k) + pick().slice(0, 4) + l.slice(k);
    } else lines.splice(at, 2, (lines[at] ?? '') + (lines[at + 1] ?? ''));
    // Now and then a CRLF document.
    return rnd() < 0.1 ? lines.join('\r\n') : lines.join('\n');
  }

  it('equals a lint from scratch after random edits (line-local and document rules)', function () {
    const rnd = randomSource(17);
    const corpus = new Corpus();
    for (const [i, d] of docs.slice(1).entries()) corpus.set(`file:///other${i}.txt`, d.text);
    const linter = new DocumentLinter(URI);
    let text = docs[0].text;
    for (let step = 0; step < 40; step++) {
      text = randomEdit(text, rnd);
      corpus.set(URI, text);
      const doc = new SeedDocument(URI, text);
      const settings = { config: DEFAULT_CONFIG, corpus };
      const lines = linter.lineFindings(doc, settings);
      assert.deepEqual(plain(lines), plain(lint(doc, { corpus, only: [...LINE_LOCAL_RULES] })), `line-local rules after step ${step}`);
      if (step % 8 === 7) {
        const fresh = new SeedDocument(URI, text);
        assert.deepEqual(plain(merged(lines, linter.documentFindings(doc, settings))), plain(lint(fresh, { corpus })), `all rules after step ${step}`);
      }
    }
  });

  it('an edit of one line lints that line again, no other', function () {
    const corpus = new Corpus();
    const text = docs.map((d) => d.text).join('\n');
    corpus.set(URI, text);
    const linter = new DocumentLinter(URI);
    linter.lineFindings(new SeedDocument(URI, text), { config: DEFAULT_CONFIG, corpus });
    const middle = text.indexOf('\n', text.length >> 1);
    const edited = `${text.slice(0, middle)}&nbsp;${text.slice(middle)}`;
    const before = linter.linesLinted;
    const found = linter.lineFindings(new SeedDocument(URI, edited), { config: DEFAULT_CONFIG, corpus });
    assert.equal(linter.linesLinted - before, 1);
    assert.ok(found.some((f) => f.ruleId === 'html-entity' && edited.slice(f.start, f.end) === '&nbsp;' && f.start === middle));
  });

  it('carries the document rules\' findings of untouched lines through an edit, on the same text', function () {
    const rnd = randomSource(23);
    const corpus = new Corpus();
    const linter = new DocumentLinter(URI);
    let text = docs[1].text;
    corpus.set(URI, text);
    let findings = linter.documentFindings(new SeedDocument(URI, text), { config: DEFAULT_CONFIG, corpus });
    assert.ok(findings.length > 0);
    for (let step = 0; step < 30; step++) {
      const edited = randomEdit(text, rnd);
      const carried = linter.carried(edited, DEFAULT_CONFIG)!;
      const { start, oldEnd } = changedLines(text, edited);
      // Every finding outside the changed lines is carried, covering the same text as before.
      // Manual whole-file actions do not count: they come back with the complete lint.
      const edits = (f: Finding) => f.fixes.filter((x) => !x.manual).flatMap((x) => x.edits);
      const reach = (f: Finding) => ({ start: Math.min(f.start, ...edits(f).map((e) => e.start)), end: Math.max(f.end, ...edits(f).map((e) => e.end)) });
      const outside = findings.filter((f) => reach(f).end < start || reach(f).start > oldEnd);
      assert.ok(carried.length >= outside.length, `carried ${carried.length} of ${outside.length} findings outside the change`);
      for (const f of carried) {
        assert.ok(!f.fixes.some((x) => x.manual), 'no whole-file action is carried');
        const original = findings.find((o) => o.ruleId === f.ruleId && o.message === f.message && text.slice(o.start, o.end) === edited.slice(f.start, f.end));
        assert.ok(original, `carried ${f.ruleId} at ${f.start} covers the text it covered: ${JSON.stringify(edited.slice(f.start, f.end))} ${JSON.stringify(changedLines(text, edited))}`);
      }
      text = edited;
      corpus.set(URI, text);
      findings = linter.documentFindings(new SeedDocument(URI, text), { config: DEFAULT_CONFIG, corpus });
    }
  });

  it('carries the boilerplate and metadata findings of a page, whose whole-file action spans every line', function () {
    const corpus = new Corpus();
    const linter = new DocumentLinter(URI);
    const text = docs[2].text;
    corpus.set(URI, text);
    const before = linter.documentFindings(new SeedDocument(URI, text), { config: DEFAULT_CONFIG, corpus });
    const kinds = (fs: Finding[]) => new Set(fs.filter((f) => f.ruleId.startsWith('boilerplate-') || f.ruleId === 'metadata-line').map((f) => f.ruleId));
    assert.ok(before.some((f) => f.fixes.some((x) => x.manual)), 'the page has a whole-file action');
    // A line added in the article: at the last line start before the middle that no block covers.
    const blocks = before.filter((f) => f.ruleId === 'boilerplate-block');
    const lines = text.split('\n');
    let at = Math.floor(lines.length / 2);
    const offsetOf = (i: number) => lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0);
    while (at > 1 && blocks.some((b) => offsetOf(at) >= b.start - 1 && offsetOf(at) <= b.end + 1)) at--;
    assert.ok(at > 1, 'an article line to insert at');
    const edited = [...lines.slice(0, at), '新加的一行正文。', ...lines.slice(at)].join('\n');
    const carried = linter.carried(edited, DEFAULT_CONFIG)!;
    assert.deepEqual([...kinds(carried)].sort(), [...kinds(before)].sort());
    assert.ok(carried.length >= before.length - 3, `carried ${carried.length} of ${before.length}`);
  });

  it('finds the changed lines of two texts', function () {
    assert.deepEqual(changedLines('a\nb\nc', 'a\nB\nc'), { start: 2, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changedLines('a\nb\nc', 'a\nb\nx\nc'), { start: 4, oldEnd: 4, newEnd: 6 });
    assert.deepEqual(changedLines('same', 'same'), { start: 4, oldEnd: 4, newEnd: 4 });
  });
});
