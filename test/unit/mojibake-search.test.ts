// The search behind mojibake-cjk and context-repair's damage list: context-repair asks
// only for the runs no round trip repairs, which skips lines that cannot hold one; the
// answer must be the same as filtering the full search. Fresh models, so no cache of
// an earlier search answers for the other.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { CommonnessModel } from '../../server/src/encoding/cjk-commonness';
import { findMojibake, findUnrepairableMojibake } from '../../server/src/encoding/cjk-mojibake';
import { generateDocuments } from '../../bench/generate';

const seedsDir = join(__dirname, '..', '..', 'seeds');
const seeds = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(seedsDir, f), 'utf8'));

/** Lines damaged through a wrong codec, cut so that bytes are missing: runs no round trip restores. */
function damagedLines(): string {
  const lines: string[] = [];
  for (const text of seeds) {
    for (const line of text.split('\n').filter((l) => l.length > 20).slice(0, 40)) {
      const mid = Math.floor(line.length / 2);
      const utf8 = Buffer.from(line.slice(mid - 6, mid + 6), 'utf8');
      lines.push(line.slice(0, mid - 6) + iconv.decode(utf8.subarray(1, utf8.length - 1), 'gbk') + line.slice(mid + 6));
      lines.push(iconv.decode(iconv.encode(line.slice(0, 12), 'gbk').subarray(1), 'big5') + line.slice(12));
    }
  }
  return lines.join('\n');
}

describe('findUnrepairableMojibake', () => {
  it('gives exactly the unrepaired runs of findMojibake on seeds, damaged lines and generated documents', () => {
    const texts = [...seeds, damagedLines(), ...generateDocuments({ seed: 7, totalBytes: 256 * 1024 }).map((d) => d.text)];
    let unrepaired = 0;
    for (const text of texts) {
      const expected = findMojibake(text, new CommonnessModel()).filter((s) => s.repaired === undefined);
      const actual = findUnrepairableMojibake(text, new CommonnessModel());
      assert.deepEqual(actual, expected);
      unrepaired += expected.length;
    }
    // The comparison is not vacuous: there are such runs to find.
    assert.ok(unrepaired >= 10, `${unrepaired} unrepaired runs`);
  });

  it('one model searching many texts (lines kept across them) finds what a fresh model finds in each', () => {
    const texts = [...seeds, damagedLines(), ...generateDocuments({ seed: 42, totalBytes: 512 * 1024 }).map((d) => d.text)];
    const shared = new CommonnessModel();
    let found = 0;
    for (const [i, text] of texts.entries()) {
      // Both searches, in turn, over texts that repeat lines (reposts) and past the lines kept.
      const search = i % 2 === 0 ? findMojibake : findUnrepairableMojibake;
      const actual = search(text, shared);
      assert.deepEqual(actual, search(text, new CommonnessModel()), `text ${i}`);
      found += actual.length;
    }
    assert.ok(found >= 20, `${found} runs compared`);
  });
});
