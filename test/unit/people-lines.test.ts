// The people extractor's per-line shortcuts must answer exactly as the direct computation:
// word flags segmented lazily, line caches that drop a generation, and the Simplified
// view converted line by line (unchanged lines cached as null).
import { strict as assert } from 'node:assert';
import { generateDocuments } from '../../bench/generate';
import { LazyWordFlags, LineCache, wordFlags } from '../../server/src/people/segments';
import { toSimplifiedByLine, toSimplifiedSameLength } from '../../server/src/people/view';

describe('people: per-line shortcuts', function () {
  this.timeout(60000);
  const docs = generateDocuments({ seed: 21, files: 6 });
  const texts = [
    ...docs.map((d) => d.text),
    '',
    '\n\n苏州市委书记刘小涛\n',
    '上海市\n\n𠮷野家 王中(zhōng)說\nEnglish line, Liu Xiaotao\n最后一行没有换行',
  ];

  it('LazyWordFlags answers as wordFlags at every offset, read in any order', function () {
    for (const text of texts) {
      const eager = wordFlags(text);
      const forwards = new LazyWordFlags(text);
      for (let i = 0; i < text.length; i++) assert.equal(forwards.at(i), eager[i], `offset ${i}`);
      const backwards = new LazyWordFlags(text);
      for (let i = text.length - 1; i >= 0; i--) assert.equal(backwards.at(i), eager[i], `offset ${i}`);
      assert.equal(forwards.at(-1), 0);
      assert.equal(forwards.at(text.length), 0);
    }
  });

  it('a LineCache past its limit still answers every line, computing again only what it dropped', function () {
    let computed = 0;
    const cache = new LineCache<number>((line) => (computed++, line.length), 64);
    const lines = Array.from({ length: 40 }, (_, k) => `line ${k} ${'x'.repeat(k % 7)}`);
    for (let round = 0; round < 3; round++) for (const line of lines) assert.equal(cache.get(line), line.length);
    assert.equal(cache.misses, computed);
    const before = computed;
    cache.get(lines[39]);
    assert.equal(computed, before, 'the line used last is still cached');
  });

  it('toSimplifiedByLine is the same-length conversion of each line', function () {
    for (const text of [...texts, '劉強書記會見了市長\n發展(fā)經濟']) {
      const expected = text.split('\n').map(toSimplifiedSameLength).join('\n');
      const got = toSimplifiedByLine(text);
      assert.equal(got, expected);
    }
  });
});
