// The mojibake-latin rule: damage then repair gives the original, through every code page
// it knows; the bundled seeds stay untouched.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fixText, lintText } from '../../server/src/core/engine';
import { repairLatinMojibakeLine, weirdness } from '../../server/src/encoding/latin-mojibake';
import { damage } from '../support/latin-damage';

const seedsDir = join(__dirname, '..', '..', 'seeds');
const seedNames = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));

const repairText = (text: string, unsafe = false) => fixText('t.txt', text, { only: ['mojibake-latin'], unsafe }).text;

describe('mojibake-latin', () => {
  it('finds nothing in the five bundled seeds, and their text is left as it is', () => {
    assert.equal(seedNames.length, 5);
    for (const name of seedNames) {
      const text = readFileSync(join(seedsDir, name), 'utf8');
      assert.deepEqual(lintText(name, text, { only: ['mojibake-latin'] }), [], name);
      assert.equal(repairText(text, true), text, name);
    }
  });

  describe('round trip: seed lines damaged through a code page come back', () => {
    // Lines of the seeds with non-ASCII text long enough to judge (short ones may not be).
    const lines = seedNames.flatMap((name) =>
      readFileSync(join(seedsDir, name), 'utf8').split('\n').filter((l) => /[^\x00-\x7f]/.test(l) && l.length >= 8).slice(0, 12),
    );
    for (const codepage of ['windows-1252', 'macintosh', 'windows-1251', 'cp437']) {
      it(`through ${codepage}`, () => {
        assert.ok(lines.length >= 20);
        const failures = lines.filter((line) => repairText(damage(line, codepage)) !== line);
        assert.deepEqual(failures, []);
      });
    }
    it('through Windows-1252 twice', () => {
      const failures = lines.filter((line) => repairText(damage(damage(line, 'windows-1252'), 'windows-1252')) !== line);
      assert.deepEqual(failures, []);
    });
  });

  it('round trip on generated accented words (fast-check), through Windows-1252 and MacRoman', () => {
    const letter = fc.constantFrom(...'éèàçôûëïüöäßñÉÀÇÔ'.split(''));
    const ascii = fc.constantFrom(...'abcdefghilmnorstu'.split(''));
    const word = fc.array(fc.oneof(ascii, ascii, letter), { minLength: 4, maxLength: 10 }).map((a) => a.join(''))
      .filter((w) => /[^a-z]/.test(w) && /[a-z]/.test(w));
    fc.assert(
      fc.property(fc.array(word, { minLength: 3, maxLength: 6 }), fc.constantFrom('windows-1252', 'macintosh'), (words, cp) => {
        const clean = `Le ${words.join(' ')} final.`;
        assert.equal(repairText(damage(clean, cp)), clean);
      }),
      { numRuns: 150, seed: 20240527 },
    );
  });

  it('leaves correct Chinese text with curly quotes and middle dots alone', () => {
    const text = '“濟風武韻·共赴山海”魯渝協作 — 聚焦濟南·武隆東西部協作聯席會議\n他說：“10×10 的合作”。\n';
    assert.deepEqual(lintText('t.txt', text, { only: ['mojibake-latin'] }), []);
  });

  it('a repair points at the damaged span only and says which code page', () => {
    const text = 'Intact words, then cafÃ© and more intact words.';
    const [finding, ...rest] = lintText('t.txt', text, { only: ['mojibake-latin'] });
    assert.equal(rest.length, 0);
    assert.equal(text.slice(finding.start, finding.end), 'Ã©');
    assert.match(finding.message, /Windows-1252/);
    assert.deepEqual(finding.fixes[0].edits, [{ start: finding.start, end: finding.end, text: 'é' }]);
    assert.equal(finding.fixes[0].safe, true);
  });

  it('repairs with a guess (a space for a lost no-break space) are offered, not applied by fix-all', () => {
    const text = 'voilÃ le travail';
    const [finding] = lintText('t.txt', text, { only: ['mojibake-latin'] });
    assert.equal(finding.fixes[0].safe, false);
    assert.equal(repairText(text), text);
    assert.equal(repairText(text, true), 'voilà le travail');
  });

  it('reads a C1 control left alone as the Windows-1252 character it encodes', () => {
    assert.equal(repairLatinMojibakeLine('parlé\u0085 Tu sais')?.text, 'parlé… Tu sais');
    // A byte Windows-1252 leaves undefined stays as it is.
    assert.equal(repairLatinMojibakeLine('intentional \u0081 here'), undefined);
  });

  it('weirdness is low for clean text and drops when mojibake is repaired', () => {
    for (const clean of ['Hôtel de Police', 'Čeština', 'дороге Из-под', 'naïve café', 'Brontë…”']) {
      const damaged = damage(clean, 'windows-1252');
      assert.ok(weirdness(damaged) > weirdness(clean), `${damaged} vs ${clean}`);
    }
  });
});
