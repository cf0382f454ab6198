import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wordSegments } from '../../server/src/script/zh-words';

const seeds = join(__dirname, '..', '..', 'seeds');

describe('Chinese word segments', () => {
  it('are the words ICU finds in the whole text, though segmented in pieces', () => {
    const icu = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const name of readdirSync(seeds)) {
      const text = readFileSync(join(seeds, name), 'utf8');
      const whole = [...icu.segment(text)].map((s) => [s.index, s.segment]);
      assert.deepEqual(wordSegments(text).map((w) => [w.start, w.word]), whole, name);
    }
  });

  it('cover a long line without punctuation without gaps or split surrogate pairs', () => {
    const text = '𠀀上海'.repeat(700);
    const words = wordSegments(text);
    assert.equal(words.map((w) => w.word).join(''), text);
    for (let i = 1; i < words.length; i++) assert.equal(words[i].start, words[i - 1].end);
    assert.ok(words.every((w) => !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(w.word)));
  });
});
