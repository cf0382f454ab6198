// From bytes on disk to seed text and back, refusing what is not text.
// UTF-8 is the default and is decoded strictly: bytes that are not UTF-8 are
// never linted as if they were text. A BOM stays in the text (the
// invisible-character rule reports stray ones); nothing is stripped silently.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { Commonness, tableCommonness } from '../encoding/cjk-commonness';

export type SkipReason = 'empty' | 'binary' | 'encoding' | 'unreadable';

export interface DecodeProblem {
  reason: SkipReason;
  /** One sentence for the user, without the file name. */
  message: string;
}

export interface DecodedText {
  text: string;
  /** `utf8` or the iconv-lite name the user gave with --encoding. */
  encoding: string;
  /** True when some bytes did not decode (shown as U+FFFD): such a file is never written back. */
  lossy: boolean;
  /** Read in another encoding as asked, though the bytes are valid UTF-8 with non-ASCII text: worth a word to the user. */
  alsoValidUtf8?: boolean;
}

export type DecodeResult = { ok: true; decoded: DecodedText } | { ok: false; problem: DecodeProblem };

const UTF8_NAMES = new Set(['utf8', 'utf-8']);
/** Encodings whose text legitimately contains NUL bytes. */
const WIDE = /^(utf-?16|utf-?32|ucs-?2|ucs-?4)/i;

export function isUtf8Name(encoding: string): boolean {
  return UTF8_NAMES.has(encoding.toLowerCase());
}

/** Whether iconv-lite (or our own UTF-8 path) knows this encoding name. */
export function encodingKnown(encoding: string): boolean {
  return isUtf8Name(encoding) || iconv.encodingExists(encoding);
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  // Valid files (nearly all) are told by Node's native check (a tenth of the time of the loop
  // below in a workspace scan); the loop finds where an invalid one goes wrong.
  if (bytes.length > 0 && isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b === 0xe0) [need, min] = [2, 0xa0];
    else if (b === 0xed) [need, min, max] = [2, 0x80, 0x9f]; // no surrogates
    else if (b >= 0xe1 && b <= 0xef) [need, min] = [2, 0x80];
    else if (b === 0xf0) [need, min] = [3, 0x90];
    else if (b >= 0xf1 && b <= 0xf3) [need, min] = [3, 0x80];
    else if (b === 0xf4) [need, min, max] = [3, 0x80, 0x8f];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < min || c > max : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

export interface LegacyGuess {
  encoding: 'gbk' | 'big5';
  /** Share of the characters beyond Latin that are common Chinese characters or punctuation. */
  commonShare: number;
}

const LEGACY_CANDIDATES = [
  { encoding: 'gbk', label: 'GBK (Simplified Chinese)' },
  { encoding: 'big5', label: 'Big5 (Traditional Chinese)' },
] as const;

/**
 * Which Chinese legacy encoding, if any, these bytes read cleanly in: no
 * undecodable sequence, and nearly all non-ASCII characters common Chinese ones.
 * A wrong codec turns text into rare characters, kana, Cyrillic or nothing.
 */
export function guessLegacyEncoding(bytes: Uint8Array): LegacyGuess | undefined {
  let best: LegacyGuess | undefined;
  for (const { encoding } of LEGACY_CANDIDATES) {
    const text = iconv.decode(Buffer.from(bytes), encoding);
    let nonAscii = 0;
    let common = 0;
    let broken = false;
    for (const ch of text) {
      // ASCII and the Latin letters with diacritics (pinyin tone marks) say nothing about which Chinese codec.
      if (ch.charCodeAt(0) <= 0x2ff) continue;
      if (ch === '\uFFFD') {
        broken = true;
        break;
      }
      nonAscii++;
      if (tableCommonness(ch) === Commonness.Common) common++;
    }
    if (broken || nonAscii === 0) continue;
    const commonShare = common / nonAscii;
    if (commonShare >= 0.85 && (!best || commonShare > best.commonShare)) best = { encoding, commonShare };
  }
  return best;
}

function labelOf(encoding: string): string {
  return LEGACY_CANDIDATES.find((c) => c.encoding === encoding)?.label ?? encoding;
}

/**
 * Decodes a seed file's bytes. Without `encoding`: strict UTF-8, and a clear
 * problem for empty, binary, UTF-16 or legacy-Chinese files. With `encoding`
 * (an iconv-lite name): that encoding, marked lossy when the bytes do not
 * round-trip.
 */
export function decodeSeedBytes(bytes: Uint8Array, encoding?: string): DecodeResult {
  if (bytes.length === 0) return { ok: false, problem: { reason: 'empty', message: 'empty file (0 bytes): nothing to check' } };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

  if (!encoding || !WIDE.test(encoding)) {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      const le = bytes[0] === 0xff;
      return {
        ok: false,
        problem: {
          reason: 'encoding',
          message: `is UTF-16 (byte order mark ${le ? 'FF FE' : 'FE FF'}), not UTF-8: convert it to UTF-8, or pass --encoding ${le ? 'utf-16le' : 'utf-16be'}`,
        },
      };
    }
    const nul = buffer.indexOf(0);
    if (nul !== -1) {
      return {
        ok: false,
        problem: { reason: 'binary', message: `is a binary file (NUL byte at byte offset ${nul}), not seed text: skipped` },
      };
    }
  }

  if (encoding && !isUtf8Name(encoding)) {
    const text = iconv.decode(buffer, encoding, { stripBOM: false });
    const lossy = !iconv.encode(text, encoding).equals(buffer);
    const alsoValidUtf8 = !WIDE.test(encoding) && firstInvalidUtf8(bytes) === -1 && bytes.some((b) => b >= 0x80);
    return { ok: true, decoded: { text, encoding, lossy, ...(alsoValidUtf8 ? { alsoValidUtf8 } : {}) } };
  }

  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) return { ok: true, decoded: { text: buffer.toString('utf8'), encoding: 'utf8', lossy: false } };
  if (encoding) {
    // The user insists on UTF-8: read it, undecodable bytes as U+FFFD, and never write it back.
    return { ok: true, decoded: { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(buffer), encoding: 'utf8', lossy: true } };
  }
  const where = `first invalid byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')} on line ${lineOfByte(bytes, bad)}, byte offset ${bad}`;
  const guess = guessLegacyEncoding(bytes);
  const message = guess
    ? `is not UTF-8 (${where}); its bytes read cleanly as ${labelOf(guess.encoding)}: pass --encoding ${guess.encoding}, or convert the file to UTF-8`
    : `is not valid UTF-8 (${where}) and does not read cleanly as GBK or Big5 either: not checked. If you know its encoding, pass --encoding <name> (any iconv-lite name, e.g. gb18030)`;
  return { ok: false, problem: { reason: 'encoding', message } };
}

export type EncodeResult = { ok: true; bytes: Buffer } | { ok: false; message: string };

/** Text to bytes in `encoding`, refusing when a character has no place there (iconv-lite would write `?`). */
export function encodeSeedText(text: string, encoding: string): EncodeResult {
  if (isUtf8Name(encoding)) return { ok: true, bytes: Buffer.from(text, 'utf8') };
  const bytes = iconv.encode(text, encoding);
  const back = iconv.decode(bytes, encoding, { stripBOM: false });
  if (back === text) return { ok: true, bytes };
  const chars = [...text];
  const backChars = [...back];
  let i = 0;
  while (i < chars.length && chars[i] === backChars[i]) i++;
  const ch = chars[i] ?? '';
  const code = ch ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : 'the end of the text';
  return {
    ok: false,
    message: `the fixed text has a character ${encoding} cannot hold (${ch ? `'${ch}' ` : ''}${code}); pass --output-encoding utf8 to write UTF-8 instead`,
  };
}
