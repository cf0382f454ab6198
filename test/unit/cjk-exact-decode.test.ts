// The exact byte round trip mojibake-cjk repairs with (decode as a codec, keep the text
// only when encoding it gives back the very same bytes) is computed from precomputed
// tables instead of a codec call per window. These tests hold it to the definition,
// computed with iconv-lite and Node's UTF-8 decoder, on every byte pair and on random
// byte strings shaped like mojibake windows. Fixed seeds: a failure replays identically.
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { exactDecode, type CodecName } from '../../server/src/encoding/cjk-mojibake';

const ICONV: Record<CodecName, string> = { utf8: 'utf8', gbk: 'gb18030', big5: 'big5' };

/** The definition: the decoding when re-encoding it gives the same bytes. */
function reference(bytes: Uint8Array, codec: CodecName, highBitFirst: boolean): string | undefined {
  const b = Buffer.from(bytes);
  if (highBitFirst && b.length > 0) b[0] |= 0x80;
  if (codec === 'utf8') {
    const text = b.toString('utf8');
    return Buffer.from(text, 'utf8').equals(b) ? text : undefined;
  }
  const text = iconv.decode(b, ICONV[codec]);
  return iconv.encode(text, ICONV[codec]).equals(b) ? text : undefined;
}

function check(bytes: Uint8Array, codec: CodecName, highBitFirst = false): void {
  const expected = reference(bytes, codec, highBitFirst);
  const actual = exactDecode(Buffer.from(bytes), codec, highBitFirst);
  assert.equal(actual, expected, `${codec}${highBitFirst ? ' (high bit)' : ''}: ${Buffer.from(bytes).toString('hex')}`);
}

// Characters whose bytes make realistic windows: Han of both scripts, punctuation, kana,
// Greek, Latin with diacritics, and the odd ones out (Ê and ê begin Big5-HKSCS sequences,
// U+FFFD, € which GBK and GB18030 write differently, a character outside the BMP).
const SAMPLE_CHARS = [...'的中国发展合作會議經濟臺灣鍏娴鈥锟斤拷，。、“”《》（）！？ー・ひらカタΑβγДжäöüÊêÊ̄ê̌€\uFFFD𠀀𪚥abc?)(0123'];

const windowBytes = (codec: CodecName) =>
  fc
    .array(
      fc.oneof(
        // the bytes of a character in some codec (the window's text was decoded with one)
        fc.record({ ch: fc.constantFrom(...SAMPLE_CHARS), as: fc.constantFrom('utf8', 'gb18030', 'big5', 'gbk') }).map(({ ch, as }) => [...iconv.encode(ch, as)]),
        // any byte, often a lead or a GB18030 four-byte digit
        fc.oneof(fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0x30, max: 0x39 }), fc.integer({ min: 0, max: 0xff })).map((b) => [b]),
      ),
      { maxLength: 12 },
    )
    .map((parts) => Uint8Array.from(parts.flat()))
    .map((bytes) => ({ bytes, codec }));

describe('exact round trip through the Chinese codecs', () => {
  for (const codec of ['gbk', 'big5'] as const) {
    it(`${codec}: every byte and every pair, alone and before a lead, a digit and ASCII`, function () {
      this.timeout(120000);
      const tails = [[], [0x81, 0x30], [0x35, 0x81, 0x35], [0x41]];
      for (let b = 0; b < 0x100; b++) {
        check(Uint8Array.of(b), codec);
        check(Uint8Array.of(b, 0x41), codec, true);
      }
      for (let lead = 0x80; lead < 0x100; lead++) {
        for (let trail = 0; trail < 0x100; trail++) {
          for (const tail of tails) check(Uint8Array.of(lead, trail, ...tail), codec);
          // The same pair after a unit and after ASCII: units before bytes never change their fate.
          check(Uint8Array.of(0xb0, 0xa1, lead, trail), codec);
        }
      }
    });
  }

  it('random windows in each codec, with and without the high bit restored on the first byte', () => {
    fc.assert(
      fc.property(fc.oneof(windowBytes('gbk'), windowBytes('big5'), windowBytes('utf8')), fc.boolean(), ({ bytes, codec }, highBit) => {
        check(bytes, codec, highBit && codec !== 'utf8');
      }),
      { seed: 20261123, numRuns: 20000 },
    );
  });

  it('known readings: UTF-8 read as GBK, GBK read as Big5, a four-byte GB18030 character', () => {
    assert.equal(exactDecode(iconv.encode('合作', 'gbk'), 'gbk'), '合作');
    assert.equal(exactDecode(Buffer.from('合作', 'utf8'), 'utf8'), '合作');
    assert.equal(exactDecode(iconv.encode('發展', 'big5'), 'big5'), '發展');
    assert.equal(exactDecode(iconv.encode('€', 'gb18030'), 'gbk'), '€');
    assert.equal(exactDecode(Buffer.from([0x84, 0x31, 0xa4, 0x37]), 'gbk'), '\uFFFD');
    // A lead byte with nothing after it, and a lead before an ASCII byte, never round-trip.
    assert.equal(exactDecode(Buffer.from([0xb0, 0xa1, 0xb0]), 'gbk'), undefined);
    assert.equal(exactDecode(Buffer.from([0xb4, 0x29]), 'gbk'), undefined);
    // 0x31 with its high bit restored is the lead byte 0xB1: 0xB1 0xA1 is 薄 in GBK.
    assert.equal(exactDecode(Buffer.from([0x31, 0xa1]), 'gbk', true), '薄');
  });
});
