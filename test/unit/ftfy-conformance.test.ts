// Conformance of the mojibake-latin rule against ftfy's public test cases.
//
// The cases are the work of Robyn Speer, from the ftfy project (github.com/rspeer/python-ftfy,
// tests/test-cases), licensed Apache-2.0. They are not copied into this repository: the test
// reads them from ../shared/conformance/ftfy beside the clone (see test/conformance/README.md).
// Only the data is used; the repair algorithm is our own (server/src/encoding/latin-mojibake.ts).
//
// What is compared: the text after fixing with the mojibake-latin rule alone, *with* its unsafe
// fixes (guesses: bytes already lost to U+FFFD or `?`, no-break spaces turned into spaces), since
// ftfy's expectations include those repairs; the safe-only score is printed as well. The expected
// text is `fixed-encoding` when present, else `fixed`. ftfy also straightens curly quotes, which we
// must not do, so ‘’“” are normalised to ' and " on both sides, for this comparison only.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixText } from '../../server/src/core/engine';

const repoRoot = resolve(__dirname, '..', '..');
const casesDir = resolve(repoRoot, '../shared/conformance/ftfy');
const GOAL = 0.95;
const SCORED = ['in-the-wild.json', 'synthetic.json', 'language-names.json'];

interface FtfyCase {
  label: string;
  original: string;
  fixed: string;
  'fixed-encoding'?: string;
  expect: 'pass' | 'fail';
}

const load = (file: string): FtfyCase[] => JSON.parse(readFileSync(join(casesDir, file), 'utf8'));
const expected = (c: FtfyCase) => c['fixed-encoding'] ?? c.fixed;
const straighten = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
const repair = (text: string, unsafe: boolean) => fixText('ftfy-case.txt', text, { only: ['mojibake-latin'], unsafe }).text;
const percent = (k: number, n: number) => `${k}/${n} (${((100 * k) / n).toFixed(1)}%)`;

describe('ftfy conformance (mojibake-latin)', function () {
  if (!existsSync(casesDir)) {
    it(`SKIPPED: the ftfy cases are missing at ${casesDir} (CI keeps shared/ beside the clone)`, function () {
      this.skip();
    });
    return;
  }

  it(`repairs at least ${GOAL * 100}% of the pass cases of ${SCORED.join(', ')}`, () => {
    let total = 0;
    let right = 0;
    let rightSafe = 0;
    const misses: string[] = [];
    for (const file of SCORED) {
      const cases = load(file).filter((c) => c.expect === 'pass');
      let k = 0;
      let kSafe = 0;
      for (const c of cases) {
        const want = straighten(expected(c));
        if (straighten(repair(c.original, true)) === want) k++;
        else misses.push(`${file}: ${c.label}`);
        if (straighten(repair(c.original, false)) === want) kSafe++;
      }
      console.log(`      ftfy ${file}: ${percent(k, cases.length)}; safe fixes only: ${percent(kSafe, cases.length)}`);
      total += cases.length;
      right += k;
      rightSafe += kSafe;
    }
    console.log(`      ftfy overall: ${percent(right, total)}; safe fixes only: ${percent(rightSafe, total)}`);
    if (misses.length) console.log(`      missed:\n        ${misses.join('\n        ')}`);
    assert.ok(right / total >= GOAL, `score ${percent(right, total)} is below the goal of ${GOAL * 100}%`);
  });

  it('reports how many of ftfy\'s own known failures come out right (no goal)', () => {
    const cases = load('known-failures.json');
    const right = cases.filter((c) => straighten(repair(c.original, true)) === straighten(expected(c))).length;
    console.log(`      ftfy known-failures.json: ${percent(right, cases.length)} match ftfy's ideal output`);
    assert.equal(cases.length, 10);
  });

  describe('negative.json: text that is not mojibake comes out as ftfy expects', () => {
    const cases = existsSync(casesDir) ? load('negative.json') : [];
    it('has its 31 cases', () => assert.equal(cases.length, 31));
    for (const c of cases) {
      it(c.label, () => {
        // 30 of the 31 expect the text unchanged; one ("Mostly negative") expects its lone C1
        // control read as the Windows-1252 character, which this rule also does.
        assert.equal(repair(c.original, true), expected(c));
      });
    }
  });
});
