// mt-typography on the English seed and on text that only looks like its glitches.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixText, lintText } from '../../server/src/core/engine';
import { SeedDocument } from '../../server/src/core/document';
import fc from 'fast-check';
import { mtTypography, spacedHyphens } from '../../server/src/rules/mt-typography';
import { generateDocuments } from '../../bench/generate';

const seedsDir = join(__dirname, '..', '..', 'seeds');
const SEED_000 = '000_ad37a12b72859678.txt';
const covered = (text: string) => lintText('t.txt', text, { only: ['mt-typography'] }).map((f) => text.slice(f.start, f.end));

describe('mt-typography', () => {
  it('finds exactly the three glitches of seed 000 and nothing in the other seeds', () => {
    for (const name of readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(join(seedsDir, name), 'utf8');
      assert.deepEqual(covered(text), name === SEED_000 ? ['decision -making', 'win -win', 'KeOn'] : [], name);
    }
  });

  it('fix-all closes the compounds but leaves the glued byline to the curator', () => {
    const text = readFileSync(join(seedsDir, SEED_000), 'utf8');
    const fixed = fixText(SEED_000, text, { only: ['mt-typography'] }).text;
    assert.ok(fixed.includes('the decision-making and deployment'));
    assert.ok(fixed.includes('mutual benefit and win-win situation'));
    assert.ok(fixed.includes('reporter He KeOn the morning'));
    const unsafe = fixText(SEED_000, text, { only: ['mt-typography'], unsafe: true }).text;
    assert.ok(unsafe.includes('reporter He Ke\nOn the morning of July 8th'));
  });

  it('the glued byline offers a line break first and a space second, both as guesses', () => {
    const [finding] = lintText('t.txt', 'reporter He KeOn the morning', { only: ['mt-typography'] });
    assert.deepEqual(finding.fixes.map((f) => [f.safe, f.edits[0].text]), [[false, '\n'], [false, ' ']]);
  });

  it('leaves dashes, minus signs, suspended hyphens and brand names alone', () => {
    assert.deepEqual(covered('- END -\nfell to -5 degrees; 3 - 1\npre- and post-war\nWeChat, YouTube, LinkedIn, iPhone, AddOn.'), []);
  });

  it('a capitalised pair is only offered, not fixed by fix-all', () => {
    const [finding] = lintText('t.txt', 'the Sino -African forum', { only: ['mt-typography'] });
    assert.equal(finding.fixes[0].safe, false);
  });

  it('finds in a whole text exactly what it finds line by line, in that order', () => {
    // The rule matches the whole text at once; a line is all its patterns ever see.
    const byLines = (text: string) =>
      new SeedDocument('t.txt', text).lines.flatMap((line) =>
        mtTypography.check(new SeedDocument('t.txt', line.text), {} as never).map((f) => ({
          ...f,
          start: f.start + line.start,
          end: f.end + line.start,
          fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + line.start, end: e.end + line.start })) })),
        })),
      );
    const pieces = ['decision', ' -', 'making', ' ', 'KeOn', 'On', ' the', 'In', 'x', '-', '\n', '\r\n', '\r', '中', '7', 'Win -win', 'aThe 1'];
    let seed = 1;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const texts = [readFileSync(join(seedsDir, SEED_000), 'utf8'), ...generateDocuments({ seed: 3, totalBytes: 64 * 1024 }).map((d) => d.text)];
    for (let i = 0; i < 2000; i++) texts.push(Array.from({ length: 1 + Math.floor(next() * 30) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
    let found = 0;
    for (const text of texts) {
      const whole = mtTypography.check(new SeedDocument('t.txt', text), {} as never);
      assert.deepEqual(whole, byLines(text), JSON.stringify(text.slice(0, 200)));
      found += whole.length;
    }
    assert.ok(found > 500, `${found} findings compared`);
  });
});

describe('mt-typography spaced hyphens', () => {
  it('finds the offsets the look-behind expression /(?<=[A-Za-z])( )-(?=[A-Za-z])/g matches, on random text', () => {
    const reference = (text: string) => [...text.matchAll(/(?<=[A-Za-z])( )-(?=[A-Za-z])/g)].map((m) => m.index);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'Z', ' ', '-', '1', '发', '\n', 'é'), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        assert.deepEqual(spacedHyphens(text), reference(text));
      }),
      { numRuns: 3000, seed: 20261124 },
    );
    assert.deepEqual(spacedHyphens('decision -making, win -win - and x - y, -z a -1'), [8, 21]);
  });
});
