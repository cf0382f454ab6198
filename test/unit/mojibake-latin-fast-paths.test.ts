// The shortcuts of the mojibake-latin repair against the plain computations they stand for, on
// varied input: weirdness skipping ASCII, the stretches of TrackedText, the code pages left
// unscored, and fix-all not linting again what the rule says is settled. Each must give exactly
// what the plain way gives (the repair's output and findings must not change for speed).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { applyFixes } from '../../server/src/core/applyEdits';
import { SeedDocument } from '../../server/src/core/document';
import { fixesToApply, fixText, lintText } from '../../server/src/core/engine';
import {
  chooseLayer,
  isLeadAt,
  LATIN_CODECS,
  LEAD_CODECS,
  leadOffsets,
  TrackedText,
  weirdness,
  weirdnessByRuns,
  weirdnessEveryCodePoint,
} from '../../server/src/encoding/latin-mojibake';
import { lineAround } from '../../server/src/rules/mojibake-latin';
import { damage } from '../support/latin-damage';

const root = resolve(__dirname, '..', '..');
const seedsDir = join(root, 'seeds');
const casesDir = resolve(root, '../shared/conformance/ftfy');

/** Lines with something to judge: seed lines, damaged through every code page (once and twice), and ftfy's cases when present. */
function judgedLines(): string[] {
  const seedLines = readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(join(seedsDir, f), 'utf8').split('\n'))
    .filter((l) => /[^\x00-\x7f]/.test(l))
    .slice(0, 60);
  const lines = [...seedLines];
  for (const codec of LATIN_CODECS) {
    for (const l of seedLines.slice(0, 20)) lines.push(damage(l, codec.iconvName));
  }
  for (const l of seedLines.slice(0, 10)) lines.push(damage(damage(l, 'windows-1252'), 'windows-1252'));
  // Damaged more often than one repair undoes (four layers): fix-all must go on.
  for (const l of seedLines.slice(0, 4)) {
    let d = l;
    for (let k = 0; k < 5; k++) d = damage(d, 'windows-1252');
    lines.push(d);
  }
  if (existsSync(casesDir)) {
    for (const f of ['in-the-wild.json', 'synthetic.json', 'language-names.json', 'negative.json']) {
      if (!existsSync(join(casesDir, f))) continue;
      for (const c of JSON.parse(readFileSync(join(casesDir, f), 'utf8')) as { original: string; fixed?: string }[]) {
        lines.push(...c.original.split('\n'));
        if (c.fixed) lines.push(...c.fixed.split('\n'));
      }
    }
  }
  return lines;
}

// Characters mojibake is made of and what real text holds, lone surrogates included.
const pieces = fc.constantFrom(
  ...'ab Z.,\'"-?éèÃÂâ€™œ“”©®°·¢£¥ÐÑÄÅŒƒ\u00a0\u0080\u0081\u0090\u009d\u00adпривет中文한\u0301\ufffd'.split(''),
  '😀',
  '𝐀A', // a capital beyond the BMP, read backwards from the next run (A𝐀Aé: a small letter ending capitals)
  'AB',
  '\ud83d',
  '\ude00',
  '\udc00\ud800',
  'word ',
  ' '.repeat(8),
  'plain ascii text that runs on for a while ',
);
const mixed = fc.array(pieces, { maxLength: 60 }).map((a) => a.join(''));

/** TrackedText as it was, one entry per character: the reference for the stretches. */
class TrackedByCharacter {
  private bounds: number[];
  private dirty: number[];
  constructor(public text: string) {
    this.bounds = Array.from({ length: text.length + 1 }, (_, i) => i);
    this.dirty = new Array<number>(text.length).fill(0);
  }
  replace(ranges: readonly { start: number; end: number; text: string }[]): void {
    const bounds: number[] = [];
    const dirty: number[] = [];
    let text = '';
    let at = 0;
    for (const r of ranges) {
      text += this.text.slice(at, r.start) + r.text;
      for (let i = at; i < r.start; i++) {
        bounds.push(this.bounds[i]);
        dirty.push(this.dirty[i]);
      }
      for (let i = 0; i < r.text.length; i++) {
        bounds.push(this.bounds[r.start]);
        dirty.push(1);
      }
      at = r.end;
    }
    text += this.text.slice(at);
    for (let i = at; i < this.text.length; i++) {
      bounds.push(this.bounds[i]);
      dirty.push(this.dirty[i]);
    }
    bounds.push(this.bounds[this.text.length]);
    this.text = text;
    this.bounds = bounds;
    this.dirty = dirty;
  }
  edits(original: string): { start: number; end: number; text: string }[] {
    const out: { start: number; end: number; text: string }[] = [];
    let i = 0;
    while (i < this.text.length) {
      if (!this.dirty[i]) {
        i++;
        continue;
      }
      let j = i;
      for (;;) {
        while (j < this.text.length && this.dirty[j]) j++;
        let k = j;
        while (k < this.text.length && !this.dirty[k] && !/\s/.test(this.text[k])) k++;
        if (k < this.text.length && this.dirty[k] && k > j) j = k;
        else break;
      }
      let start = this.bounds[i];
      let end = this.bounds[j];
      let text = this.text.slice(i, j);
      while (text.length > 1 && end - start > 1 && text[0] === original[start]) { text = text.slice(1); start++; }
      while (text.length > 1 && end - start > 1 && text[text.length - 1] === original[end - 1]) { text = text.slice(0, -1); end--; }
      if (start < end || text) out.push({ start, end, text });
      i = j;
    }
    return out;
  }
}

/** Sorted ranges that do not overlap, from cut points and replacement texts. */
const ranges = (length: number, cuts: number[], texts: string[]) => {
  const points = [...new Set(cuts.map((c) => c % (length + 1)))].sort((a, b) => a - b);
  const out: { start: number; end: number; text: string }[] = [];
  for (let k = 0; k + 1 < points.length; k += 2) out.push({ start: points[k], end: points[k + 1], text: texts[k % texts.length] ?? '' });
  return out;
};

/** fix-all of mojibake-latin done the plain way: lint the whole text again after every change. */
function plainFix(text: string, unsafe: boolean) {
  const fixedByRule: Record<string, number> = {};
  for (let rounds = 0; rounds < 8; rounds++) {
    const fixes = fixesToApply(lintText('t.txt', text, { only: ['mojibake-latin'] }), unsafe);
    const result = fixes.length === 0 ? undefined : applyFixes(text, fixes);
    if (!result || result.text === text) return { text, fixedByRule, rounds: rounds + 1, converged: true };
    fixedByRule['mojibake-latin'] = (fixedByRule['mojibake-latin'] ?? 0) + result.applied.length;
    text = result.text;
  }
  return { text, fixedByRule, rounds: 8, converged: false };
}

describe('mojibake-latin shortcuts give what the plain computations give', () => {
  const lines = judgedLines();

  it('weirdness skipping ASCII = weirdness of every code point', () => {
    for (const line of lines) {
      assert.equal(weirdnessByRuns(line), weirdnessEveryCodePoint(line), line);
      assert.equal(weirdness(line), weirdnessEveryCodePoint(line), line);
    }
    fc.assert(
      fc.property(mixed, (s) => {
        assert.equal(weirdnessByRuns(s), weirdnessEveryCodePoint(s), JSON.stringify(s));
        assert.equal(weirdness(s), weirdnessEveryCodePoint(s), JSON.stringify(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('lead offsets found by searching for non-ASCII runs = a look at every code unit', () => {
    const plain = (line: string) => {
      const offsets: number[] = [];
      const upper: number[] = [];
      let codecs = 0;
      for (let i = 0; i < line.length; i++) {
        const code = line.charCodeAt(i);
        if (code < 0x80) continue;
        if (isLeadAt(line, i, code)) {
          offsets.push(i);
          codecs |= LEAD_CODECS[code];
        }
        if (code >= 0xa0) upper.push(i);
      }
      return { offsets, codecs, upper };
    };
    for (const line of lines) assert.deepEqual(leadOffsets(line), plain(line), line);
    fc.assert(
      fc.property(mixed, (s) => {
        assert.deepEqual(leadOffsets(s), plain(s), JSON.stringify(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('TrackedText in stretches = one entry per character (text and edits, over several layers)', () => {
    const text = fc.array(fc.constantFrom(...'ab c-é€™\u00a0'.split('')), { maxLength: 12 }).map((a) => a.join(''));
    const step = fc.record({ cuts: fc.array(fc.nat(40), { maxLength: 8 }), texts: fc.array(text, { minLength: 1, maxLength: 4 }) });
    fc.assert(
      fc.property(mixed, fc.array(step, { minLength: 1, maxLength: 4 }), (original, steps) => {
        const fast = new TrackedText(original);
        const plain = new TrackedByCharacter(original);
        for (const { cuts, texts } of steps) {
          const r = ranges(fast.text.length, cuts, texts);
          fast.replace(r);
          plain.replace(r);
          assert.equal(fast.text, plain.text);
          assert.deepEqual(fast.edits(original), plain.edits(original));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('code pages left unscored would not have been chosen', () => {
    // The bound a code page is judged by before it is scored decoded is never below its total.
    const boundHolds = (s: string, guesses: boolean) =>
      chooseLayer(s, guesses, false, (bound, total) => assert.ok(bound >= total, `${JSON.stringify(s)}: bound ${bound} < total ${total}`));
    for (const line of lines) for (const guesses of [true, false]) boundHolds(line, guesses);
    const strip = (c: ReturnType<typeof chooseLayer>) => c && { codec: c.codec.label, gain: c.gain, clusters: c.clusters.map((k) => [k.start, k.end, k.text, k.gain]) };
    for (const line of lines) {
      for (const guesses of [true, false]) assert.deepEqual(strip(chooseLayer(line, guesses)), strip(chooseLayer(line, guesses, false)), line);
    }
    fc.assert(
      fc.property(mixed, fc.boolean(), (s, guesses) => {
        assert.deepEqual(strip(chooseLayer(s, guesses)), strip(chooseLayer(s, guesses, false)), JSON.stringify(s));
      }),
      { numRuns: 2000 },
    );
    // Pieces of real lines damaged through one code page or two, where code pages compete.
    const names = LATIN_CODECS.map((c) => c.iconvName);
    fc.assert(
      fc.property(fc.constantFrom(...lines.slice(0, 60)), fc.nat(), fc.nat(30), fc.constantFrom(...names), fc.option(fc.constantFrom(...names)), (l, from, length, first, second) => {
        const start = from % Math.max(1, l.length);
        let s = damage(l.slice(start, start + length), first);
        if (second) s = damage(s, second);
        for (const guesses of [true, false]) {
          assert.deepEqual(strip(chooseLayer(s, guesses)), strip(chooseLayer(s, guesses, false)), JSON.stringify(s));
          boundHolds(s, guesses);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('a line found around an offset = SeedDocument.lineAt, searching back from any earlier line end', () => {
    const text = fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', ' '), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.nat(), (t, k) => {
        const doc = new SeedDocument('t.txt', t);
        const offset = k % (t.length + 1);
        const index = doc.lineIndexAt(offset);
        const expected = doc.lineAt(index);
        // Only offsets inside a line's text are asked about (a candidate is never a line break).
        if (offset >= expected.end && offset < t.length) return;
        const froms = [0, ...Array.from({ length: index }, (_, i) => doc.lineAt(i).end), expected.start];
        for (const from of froms) assert.deepEqual(lineAround(t, offset, from), { start: expected.start, end: expected.end, text: expected.text }, JSON.stringify({ t, offset, from }));
      }),
      { numRuns: 5000 },
    );
  });

  it('fix-all (remembered clean lines, no second lint when settled) = linting again after every change', () => {
    const docs: string[] = [];
    for (let k = 0; k + 8 <= lines.length; k += 8) docs.push(lines.slice(k, k + 8).join('\n'));
    docs.push(lines.slice(0, 40).join('\r\n'), lines.slice(40, 80).join('\n') + '\n');
    for (const doc of docs) {
      for (const unsafe of [true, false]) {
        assert.deepEqual(fixText('t.txt', doc, { only: ['mojibake-latin'], unsafe }), plainFix(doc, unsafe), doc.slice(0, 200));
      }
    }
    fc.assert(
      fc.property(fc.array(mixed, { maxLength: 6 }), fc.boolean(), (ls, unsafe) => {
        const doc = ls.join('\n');
        assert.deepEqual(fixText('t.txt', doc, { only: ['mojibake-latin'], unsafe }), plainFix(doc, unsafe));
      }),
      { numRuns: 500 },
    );
  });
});
