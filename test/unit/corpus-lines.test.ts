// The corpus's line statistics (kept by hashed line and document number) against a
// plain reference that keeps every line's text and the uris holding it, through random
// sets, edits and deletes: counts, the documents holding a line in the order they took
// it, and where a line stands in a document.
import assert from 'node:assert/strict';
import { Corpus, distinctLineKeys, distinctLines, lineKey, normaliseLine, normalisedLineKey } from '../../server/src/core/corpus';
import { randomSource } from '../../bench/generate';

/** The first place of each normalised line, the plain way: lines split at \n with a \r before it dropped, then trimmed. */
function lineLocations(text: string): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  let start = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const key = normaliseLine(line);
    if (!out.has(key)) out.set(key, { start: start + line.length - line.trimStart().length, end: start + line.trimEnd().length });
    start += raw.length + 1;
  }
  return out;
}

class ReferenceLines {
  private readonly texts = new Map<string, string>();
  private readonly byLine = new Map<string, Set<string>>();

  set(uri: string, text: string): void {
    if (this.texts.get(uri) === text) return;
    this.delete(uri);
    this.texts.set(uri, text);
    for (const line of distinctLines(text)) {
      let docs = this.byLine.get(line);
      if (!docs) this.byLine.set(line, (docs = new Set()));
      docs.add(uri);
    }
  }

  delete(uri: string): void {
    const text = this.texts.get(uri);
    if (text === undefined) return;
    for (const line of distinctLines(text)) {
      const docs = this.byLine.get(line)!;
      docs.delete(uri);
      if (docs.size === 0) this.byLine.delete(line);
    }
    this.texts.delete(uri);
  }

  count(line: string): number {
    return this.byLine.get(normaliseLine(line))?.size ?? 0;
  }

  documentsWith(line: string, limit: number): string[] {
    return [...(this.byLine.get(normaliseLine(line)) ?? [])].slice(0, limit);
  }

  locate(uri: string, line: string): { start: number; end: number } | undefined {
    const text = this.texts.get(uri);
    return text === undefined ? undefined : lineLocations(text).get(line);
  }
}

// Few distinct lines, so many documents share each (more than an array of holders keeps).
const POOL = ['版权所有 © 2024 某某市人民政府', '  扫一扫在手机打开当前页', '相关内容', '点赞 收藏 分享', '正文第一段，记者报道。', 'Sign in', 'a', '', '浏览次数:1024  ', '正文第二段'];

function randomText(rnd: () => number): string {
  const lines: string[] = [];
  const n = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) lines.push(POOL[Math.floor(rnd() * POOL.length)]);
  return lines.join(rnd() < 0.2 ? '\r\n' : '\n');
}

describe('corpus line statistics', () => {
  it('normalise a line as folding every run of white space to one space and trimming does; its key hashed as read is the key of the normalised line', () => {
    const reference = (line: string) => line.replace(/\s+/g, ' ').trim();
    const alphabet = ['a', 'Z', '中', '文', '·', ' ', ' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2009', '\u200b', '\r', '\n', '\u2028', '\u0085', '𠮷'];
    const rnd = randomSource(5);
    for (let n = 0; n < 20000; n++) {
      let line = '';
      const length = Math.floor(rnd() * 8);
      for (let i = 0; i < length; i++) line += alphabet[Math.floor(rnd() * alphabet.length)];
      assert.equal(normaliseLine(line), reference(line), JSON.stringify(line));
      assert.equal(normalisedLineKey(line), lineKey(normaliseLine(line)), `key of ${JSON.stringify(line)}`);
    }
  });

  it('hash the distinct lines of a text as the keys of distinctLines, without the line strings', () => {
    // Line breaks of every kind, white space at the edges, inside and alone, lines of 0–3 characters (the cut is 2).
    const alphabet = ['a', 'Z', '中', '文', ' ', ' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2009', '\u200b', '\u2028', '\u0085', '𠮷', '\ud800', '\n', '\n', '\r', '\r\n', '\v'];
    const rnd = randomSource(17);
    const slow = (text: string) => [...distinctLines(text)].map(lineKey);
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const length = Math.floor(rnd() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      assert.deepEqual([...distinctLineKeys(text)], slow(text), JSON.stringify(text));
    }
    for (const text of [POOL.join('\n'), POOL.join('\r\n') + '\r\n', '', '\n\n', 'ab']) assert.deepEqual([...distinctLineKeys(text)], slow(text), JSON.stringify(text));
  });

  it('locate every line of a text where lineLocations has it, also lines of white space and lone \\r', () => {
    const alphabet = ['a', 'Z', '中', '文', ' ', ' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2009', '\u2028', '𠮷', '\n', '\n', '\r', '\r\n', '\v'];
    const rnd = randomSource(23);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(rnd() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const corpus = new Corpus();
      corpus.set('file:///t.txt', text);
      for (const [line, where] of lineLocations(text)) assert.deepEqual(corpus.lines.locate!('file:///t.txt', line), where, JSON.stringify([text, line]));
    }
  });

  it('agree with a reference that keeps the lines themselves, through sets, edits and deletes', () => {
    const rnd = randomSource(11);
    const corpus = new Corpus();
    const reference = new ReferenceLines();
    const uris = Array.from({ length: 160 }, (_, i) => `file:///ws/${i}.txt`);
    for (let step = 0; step < 1500; step++) {
      const uri = uris[Math.floor(rnd() * uris.length)];
      if (rnd() < 0.15) {
        corpus.delete(uri);
        reference.delete(uri);
      } else {
        const text = randomText(rnd);
        corpus.set(uri, text);
        reference.set(uri, text);
      }
      if (step % 25 !== 0) continue;
      for (const line of POOL) {
        assert.equal(corpus.lines.documentCount(line), reference.count(line), `step ${step}: count of ${line}`);
        for (const limit of [1, 3, 1000]) assert.deepEqual(corpus.lines.documentsWith(line, limit), reference.documentsWith(line, limit), `step ${step}: holders of ${line}`);
      }
      for (const u of uris.slice(0, 10)) {
        for (const line of POOL) assert.deepEqual(corpus.lines.locate!(u, normaliseLine(line)), reference.locate(u, normaliseLine(line)), `step ${step}: ${line} in ${u}`);
      }
    }
    assert.ok(Math.max(...POOL.map((l) => reference.count(l))) > 32, 'some line is held by more documents than an array keeps');
  });
});
