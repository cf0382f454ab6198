// The bundled seeds as acceptance data for the first rules (issue 2's "done when").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixText, lintText } from '../../server/src/core/engine';

const seeds = join(__dirname, '..', '..', 'seeds');
const read = (name: string) => readFileSync(join(seeds, name), 'utf8');
const SEED_001 = '001_f2b6781d392f61d3.txt';
const SEED_003 = '003_19257488ec84b839.txt';
// A Han character directly followed by a parenthesised toned pinyin syllable.
const ANNOTATION = /\p{Script=Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/u;

describe('seeds', () => {
  for (const [name, atLeast] of [[SEED_001, 90], [SEED_003, 190]] as const) {
    it(`${name}: every pinyin annotation is found and fix-all leaves none`, () => {
      const text = read(name);
      const all = text.match(new RegExp(ANNOTATION, 'gu'))!.length;
      const findings = lintText(name, text, { only: ['pinyin-annotation'] });
      assert.ok(findings.length >= atLeast, `${findings.length} findings`);
      assert.equal(findings.length, all);
      const fixed = fixText(name, text).text;
      assert.doesNotMatch(fixed, ANNOTATION);
    });
  }

  it('003: the entity whose & was lost becomes ·武隆', () => {
    const fixed = fixText(SEED_003, read(SEED_003)).text;
    assert.ok(fixed.includes('·武隆東西部協作聯席會議確定'));
    assert.ok(!fixed.includes('middot;'));
  });

  it('001: the lone ? lines are reported and emptied', () => {
    const text = read(SEED_001);
    const lone = lintText(SEED_001, text, { only: ['lost-character'] }).filter((f) => f.message.startsWith('Line of lost'));
    assert.equal(lone.length, text.split('\n').filter((l) => l.trim() === '?').length);
    assert.ok(lone.length >= 3);
    const fixed = fixText(SEED_001, text).text;
    assert.ok(!fixed.split('\n').some((l) => l.trim() === '?'));
  });

  it('fixes change nothing outside damaged spans: every line of the English seed stays', () => {
    const name = '000_ad37a12b72859678.txt';
    const text = read(name);
    assert.equal(fixText(name, text, { only: ['pinyin-annotation', 'html-entity', 'lost-character', 'invisible-character'] }).text, text);
  });
});
