// firstInvalidUtf8 decides whether a seed file is read as UTF-8 (the scan, the CLI): it must
// agree with a strict decoder on every byte string, and point at the first offending byte.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { firstInvalidUtf8 } from '../../server/src/cli/decode';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function decodes(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// Sequences at the edges of well-formedness: overlong forms, surrogates, past U+10FFFF, truncations.
const EDGES = [[0xc0, 0x80], [0xc2, 0x80], [0xe0, 0x80, 0x80], [0xe0, 0xa0, 0x80], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xf0, 0x8f, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8], [0xff], [0x80]];
const chunk = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => [...Buffer.from(s, 'utf8')]),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }),
);

describe('firstInvalidUtf8', () => {
  it('says -1 exactly when a strict decoder accepts the bytes, else the offset of the first bad sequence', () => {
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 12 }), (chunks) => {
        const bytes = Uint8Array.from(chunks.flat());
        const bad = firstInvalidUtf8(bytes);
        assert.equal(bad === -1, decodes(bytes));
        if (bad !== -1) {
          // Everything before the offset decodes; the sequence starting there does not.
          assert.ok(decodes(bytes.subarray(0, bad)), `prefix up to ${bad}`);
          assert.ok(!decodes(bytes.subarray(bad, bad + 4)) || bad + 4 > bytes.length, `sequence at ${bad}`);
        }
      }),
      { numRuns: 3000, seed: 20261124 },
    );
  });

  it('finds the offending byte after valid Chinese text', () => {
    const text = Buffer.from('山海协作，魯渝協作', 'utf8');
    assert.equal(firstInvalidUtf8(text), -1);
    const broken = Buffer.concat([text, Buffer.from([0xe5, 0x8d]), Buffer.from('作', 'utf8')]);
    assert.equal(firstInvalidUtf8(broken), text.length);
  });
});
