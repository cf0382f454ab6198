import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { Commonness, tableCommonness, type CommonnessModel } from './cjk-commonness';
import { runSteps, StepBudget } from '../core/steps';

// Finds text that is the bytes of one Chinese codec decoded with another (UTF-8
// read as GBK gives 鍏 娴 鈥 锟斤拷; GBK read as Big5 and Big5 read as GBK give
// strings of real but rare characters), and double-byte streams whose pairing
// slipped by one byte (a lead byte that lost its high bit, or was dropped).
// Every repair is a byte-exact round trip through iconv-lite; the commonness
// model decides which of the exact readings is the text and which the damage.

export type CodecName = 'utf8' | 'gbk' | 'big5';

export interface CodecPath {
  id: string;
  /** The codec that wrongly decoded the bytes: the damaged text encodes back with it. */
  readAs: CodecName;
  /** The codec the bytes really are in. */
  actual: CodecName;
  /** A slipped double-byte stream: restore the first byte's high bit, or drop the first byte. */
  shift?: 'high-bit' | 'drop-first';
  describe: string;
}

export const CODEC_PATHS: readonly CodecPath[] = [
  { id: 'utf8-as-gbk', readAs: 'gbk', actual: 'utf8', describe: 'UTF-8 bytes decoded as GBK' },
  { id: 'utf8-as-big5', readAs: 'big5', actual: 'utf8', describe: 'UTF-8 bytes decoded as Big5' },
  { id: 'big5-as-gbk', readAs: 'gbk', actual: 'big5', describe: 'Big5 bytes decoded as GBK' },
  { id: 'gbk-as-big5', readAs: 'big5', actual: 'gbk', describe: 'GBK bytes decoded as Big5' },
  { id: 'gbk-high-bit', readAs: 'gbk', actual: 'gbk', shift: 'high-bit', describe: 'a GBK stream whose lead byte lost its high bit, so every following pair slipped by one byte' },
  { id: 'big5-high-bit', readAs: 'big5', actual: 'big5', shift: 'high-bit', describe: 'a Big5 stream whose lead byte lost its high bit, so every following pair slipped by one byte' },
  { id: 'gbk-drop-first', readAs: 'gbk', actual: 'gbk', shift: 'drop-first', describe: 'a GBK stream that lost a lead byte, so the following pairs slipped by one byte' },
  { id: 'big5-drop-first', readAs: 'big5', actual: 'big5', shift: 'drop-first', describe: 'a Big5 stream that lost a lead byte, so the following pairs slipped by one byte' },
];

/** iconv-lite names; GB18030 is GBK's superset, so it encodes every character a GBK decoder can produce. */
const ICONV: Record<CodecName, string> = { utf8: 'utf8', gbk: 'gb18030', big5: 'big5' };

export interface MojibakeSpan {
  /** Offsets into the analysed text (UTF-16). */
  start: number;
  end: number;
  damaged: string;
  /** The exact reading of the bytes; undefined when no codec round trip restores the run. */
  repaired?: string;
  path?: CodecPath;
  /** The repair is exact and markedly more common: fit for fix-all. */
  safe: boolean;
  /** A `?` just before the run stands for a character whose bytes are gone. */
  lostBefore: boolean;
  /** The repair itself says bytes were lost before the damage (U+FFFD inside, or a dropped byte). */
  bytesLost: boolean;
  /** The uncommon characters that made the run suspicious. */
  evidence: string[];
}

const LATIN = /\p{Script=Latin}/u;
const SPACE = /\s/u;
const HAN = /\p{Script=Han}/u;
// Greek, Cyrillic, kana, box drawing amid Han characters: table rows no prose mixes in.
const TABLE_SYMBOL = /[\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Hiragana}\p{Script=Katakana}\u2500-\u257f]/u;
const BOUNDARY = /[\s\x21-\x7e，。、；：！？“”‘’《》（）]/u;

/** What the search asks of a character, packed in one number: its class in the low two bits, then flags. */
const enum Fact {
  ClassMask = 3,
  Seed = 4,
  Space = 8,
  Boundary = 16,
  Han = 32,
  TableSymbol = 64,
}

// Commonness classes as local constants: read in the innermost loops.
const COMMON: number = Commonness.Common;
const RARE: number = Commonness.Rare;
const VERY_RARE: number = Commonness.VeryRare;

/** In characterFacts only: the character would be a seed if it were uncommon (not Latin, not space, not U+FFFD). */
const SEEDABLE = 0x100;

/** What depends on the character alone: its class by the codec tables, SEEDABLE and the flags other than Seed. */
function characterFacts(ch: string): number {
  let f: number = tableCommonness(ch);
  if (!LATIN.test(ch) && !SPACE.test(ch) && ch !== '\uFFFD') f |= SEEDABLE;
  if (SPACE.test(ch)) f |= Fact.Space;
  if (BOUNDARY.test(ch)) f |= Fact.Boundary;
  if (HAN.test(ch)) f |= Fact.Han;
  if (TABLE_SYMBOL.test(ch)) f |= Fact.TableSymbol;
  return f;
}

/** characterFacts of BMP characters by code unit, -1 until looked up: the same for every corpus, kept for the process. */
const unitFacts = new Int16Array(0x10000).fill(-1);

/**
 * Facts about characters under one commonness model, each looked up once: a line
 * of a million characters holds only a few distinct ones, and regular-expression
 * and table look-ups per character are what made long lines slow.
 */
/** How many lines' spans a CharFacts keeps, and how many code units of them in all. */
const MAX_KEPT_LINES = 4096;
const MAX_KEPT_UNITS = 1 << 22;

class CharFacts {
  private readonly facts = new Map<string, number>();
  /** Facts of BMP characters by code unit, -1 until looked up: the test every character of every line meets. */
  private readonly bmp = new Int8Array(0x10000).fill(-1);
  /**
   * The spans of lines that hold a seed, the most recently used last: mojibake-cjk searches a
   * document and context-repair its normalised view right after, and the two share all lines
   * but those with annotations or entities; reposts share lines across documents (the pipeline
   * bench's 4 MB has 2,876 such lines, 348 distinct). Bounded in lines and in code units.
   */
  private readonly lineSpans = new Map<string, MojibakeSpan[]>();
  private keptUnits = 0;

  constructor(readonly model: CommonnessModel) {}

  spansOf(line: string): MojibakeSpan[] | undefined {
    const spans = this.lineSpans.get(line);
    if (spans) {
      this.lineSpans.delete(line);
      this.lineSpans.set(line, spans);
    }
    return spans;
  }

  keepSpans(line: string, spans: MojibakeSpan[]): void {
    this.lineSpans.set(line, spans);
    this.keptUnits += line.length;
    while (this.lineSpans.size > MAX_KEPT_LINES || this.keptUnits > MAX_KEPT_UNITS) {
      const oldest: string = this.lineSpans.keys().next().value!;
      this.lineSpans.delete(oldest);
      this.keptUnits -= oldest.length;
    }
  }

  /** Facts of the code point `code`. */
  ofCode(code: number): number {
    if (code > 0xffff) return this.of(String.fromCodePoint(code));
    let f = this.bmp[code];
    if (f < 0) {
      let own = unitFacts[code];
      if (own < 0) unitFacts[code] = own = characterFacts(String.fromCharCode(code));
      this.bmp[code] = f = this.withCorpus(own, () => String.fromCharCode(code));
    }
    return f;
  }

  of(ch: string): number {
    let f = this.facts.get(ch);
    if (f === undefined) {
      f = this.withCorpus(characterFacts(ch), () => ch);
      this.facts.set(ch, f);
    }
    return f;
  }

  /**
   * The facts under this model of a character with facts `own` (characterFacts): the
   * model differs from the codec tables only for characters they rate rare (corpus
   * statistics only ever raise those to common), so only those ask it.
   */
  private withCorpus(own: number, ch: () => string): number {
    const table = own & Fact.ClassMask;
    const commonness = table === RARE ? this.model.of(ch()) : table;
    let f = (own & ~(Fact.ClassMask | SEEDABLE)) | commonness;
    // A seed of suspicion: uncommon, not Latin (pinyin tone letters are not mojibake), not space.
    if (commonness !== COMMON && own & SEEDABLE) f |= Fact.Seed;
    return f;
  }

  commonness(ch: string): Commonness {
    return this.of(ch) & Fact.ClassMask;
  }

  /** Where the first character at or after `from` that is a seed of suspicion starts, or -1. One pass of table look-ups. */
  firstSeed(text: string, from: number): number {
    const bmp = this.bmp;
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // ASCII is Common: never a seed.
      if (code < 0x80) continue;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          if (this.ofCode(0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)) & Fact.Seed) return i;
          i++;
          continue;
        }
      }
      let f = bmp[code];
      if (f < 0) f = this.ofCode(code);
      if (f & Fact.Seed) return i;
    }
    return -1;
  }
}

/**
 * The bytes in one codec of the code points [base, base + n) of a line, laid end to
 * end, so a window's bytes are a range of them, not a copy.
 */
interface EncodedRange {
  base: number;
  bytes: Buffer;
  /** Byte offset of code point base + i (length n + 1). */
  offset: Int32Array;
  /** How many of the code points base .. base + i - 1 the codec cannot hold (length n + 1). */
  missing: Int32Array;
}

/** One line as code points, with prefix sums of their commonness for any window in constant time. */
class LineChars {
  /** Number of code points. */
  readonly length: number;
  readonly codes: Int32Array;
  /** Offset of each code point in the line, and the line's length at index `length`. */
  readonly at: Int32Array;
  readonly facts: Int32Array;
  private readonly costPrefix: Int32Array;
  private readonly uncommonPrefix: Int32Array;

  constructor(
    readonly text: string,
    readonly charFacts: CharFacts,
  ) {
    // At most one code point per code unit: sized by the text, `length` says how many.
    const units = text.length;
    this.codes = new Int32Array(units);
    this.at = new Int32Array(units + 1);
    this.facts = new Int32Array(units);
    this.costPrefix = new Int32Array(units + 1);
    this.uncommonPrefix = new Int32Array(units + 1);
    let n = 0;
    for (let at = 0; at < units; n++) {
      const code = text.codePointAt(at)!;
      const f = charFacts.ofCode(code);
      this.codes[n] = code;
      this.at[n] = at;
      this.facts[n] = f;
      const c = f & Fact.ClassMask;
      this.costPrefix[n + 1] = this.costPrefix[n] + c;
      this.uncommonPrefix[n + 1] = this.uncommonPrefix[n] + (c !== COMMON ? 1 : 0);
      at += code > 0xffff ? 2 : 1;
    }
    this.at[n] = units;
    this.length = n;
  }

  /** Code point i as a string. */
  char(i: number): string {
    return this.text.slice(this.at[i], this.at[i + 1]);
  }

  /** Sum of the classes of code points [a, b). */
  cost(a: number, b: number): number {
    return this.costPrefix[b] - this.costPrefix[a];
  }

  /** How many of the code points [a, b) are not Common. */
  uncommon(a: number, b: number): number {
    return this.uncommonPrefix[b] - this.uncommonPrefix[a];
  }

  /** The run between boundaries found last, with no boundary inside it: the clusters of one run share it. */
  private lastRunStart = -1;
  private lastRunEnd = -1;

  /**
   * The run between boundaries around code points [first, last]: from the code point
   * after the boundary before `first` (or the line's start) to the first boundary after
   * `last` (or the line's end).
   */
  runAround(first: number, last: number): [number, number] {
    // Within the run found last (no boundary inside it), the answer is that run again.
    if (this.lastRunStart >= 0 && this.lastRunStart <= first && last + 1 <= this.lastRunEnd) return [this.lastRunStart, this.lastRunEnd];
    let ra = first;
    while (ra > 0 && !(this.facts[ra - 1] & Fact.Boundary)) ra--;
    let rb = last + 1;
    while (rb < this.length && !(this.facts[rb] & Fact.Boundary)) rb++;
    // Kept only when no boundary lies inside (a cluster can bridge one).
    let inside = false;
    for (let k = first; k <= last && !inside; k++) if (this.facts[k] & Fact.Boundary) inside = true;
    this.lastRunStart = inside ? -1 : ra;
    this.lastRunEnd = inside ? -1 : rb;
    return [ra, rb];
  }

  /** The whole-run window tried last on each path: the clusters of one run share it. */
  private readonly lastRun = new Map<CodecPath, { from: number; to: number; candidate: Candidate | undefined }>();

  /** What `attempt` gives for the window [from, to) on `path`, tried once for all the clusters of a run. */
  wholeRun(from: number, to: number, path: CodecPath, attempt: () => Candidate | undefined): Candidate | undefined {
    const last = this.lastRun.get(path);
    if (last && last.from === from && last.to === to) return last.candidate;
    const candidate = attempt();
    this.lastRun.set(path, { from, to, candidate });
    return candidate;
  }

  /** The range encoded last in each codec: the clusters of one run of text share it. */
  private readonly lastEncoded: Partial<Record<CodecName, EncodedRange>> = {};

  /** The bytes of (at least) code points [from, to) in `codec`. */
  encoded(codec: CodecName, from: number, to: number): EncodedRange {
    const last = this.lastEncoded[codec];
    if (last && last.base <= from && last.base + last.offset.length - 1 >= to) return last;
    return (this.lastEncoded[codec] = this.encode(codec, from, to));
  }

  private encode(codec: CodecName, from: number, to: number): EncodedRange {
    const n = to - from;
    const offset = new Int32Array(n + 1);
    const missing = new Int32Array(n + 1);
    const packed = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const p = (packed[i] = packedBytes(this.codes[from + i], codec));
      const length = p === NO_BYTES ? 0 : p === LONG_BYTES ? longBytes[codec].get(this.char(from + i))!.length : p >>> 16;
      offset[i + 1] = offset[i] + length;
      missing[i + 1] = missing[i] + (p === NO_BYTES ? 1 : 0);
    }
    const bytes = Buffer.allocUnsafe(offset[n]);
    for (let i = 0; i < n; i++) {
      const p = packed[i];
      const at = offset[i];
      if (p === NO_BYTES) continue;
      if (p === LONG_BYTES) bytes.set(longBytes[codec].get(this.char(from + i))!, at);
      else if (p >>> 16 === 1) bytes[at] = p & 0xff;
      else {
        bytes[at] = (p >>> 8) & 0xff;
        bytes[at + 1] = p & 0xff;
      }
    }
    return { base: from, bytes, offset, missing };
  }
}

/**
 * The bytes of a character in a codec, packed: its length (1 or 2) times 0x10000 plus
 * the bytes; NO_BYTES when the codec cannot hold it; LONG_BYTES for longer encodings,
 * kept in `longBytes`. BMP characters are looked up by code unit, once per process.
 */
const NO_BYTES = -1;
const LONG_BYTES = -2;
const packedByCode: Record<CodecName, Int32Array> = { utf8: new Int32Array(0x10000), gbk: new Int32Array(0x10000), big5: new Int32Array(0x10000) };
const packedOther: Record<CodecName, Map<string, number>> = { utf8: new Map(), gbk: new Map(), big5: new Map() };
const longBytes: Record<CodecName, Map<string, Uint8Array>> = { utf8: new Map(), gbk: new Map(), big5: new Map() };

function packedBytes(code: number, codec: CodecName): number {
  const bmp = code <= 0xffff;
  const ch = bmp ? '' : String.fromCodePoint(code);
  // 0 in the table: not looked up yet (no character packs to 0: its length is at least 1).
  const known = bmp ? packedByCode[codec][code] : packedOther[codec].get(ch) ?? 0;
  if (known !== 0) return known;
  const bytes = charBytes(bmp ? String.fromCharCode(code) : ch, codec);
  let p: number;
  if (!bytes) p = NO_BYTES;
  else if (bytes.length === 1) p = 0x10000 | bytes[0];
  else if (bytes.length === 2) p = 0x20000 | (bytes[0] << 8) | bytes[1];
  else {
    p = LONG_BYTES;
    longBytes[codec].set(bmp ? String.fromCharCode(code) : ch, bytes);
  }
  if (bmp) packedByCode[codec][code] = p;
  else packedOther[codec].set(ch, p);
  return p;
}

/** The bytes of one character in `codec`, or null when the codec cannot hold it. */
function charBytes(ch: string, codec: CodecName): Uint8Array | null {
  // U+FFFD is what a decoder wrote for bytes it could not read: it has no bytes of its own.
  if (ch === '\uFFFD') return null;
  // GBK first: a GBK decoder made 0x80 into €, which GB18030 would encode as A2 E3.
  for (const name of codec === 'gbk' ? ['gbk', 'gb18030'] : [ICONV[codec]]) {
    const encoded = iconv.encode(ch, name);
    if (iconv.decode(encoded, name) === ch) return encoded;
  }
  return null;
}

// Round trips through a double-byte codec (GB18030, Big5) without calling it per window.
//
// A *unit* here is a lone byte, a lead and trail byte, or a GB18030 four-byte sequence
// that decodes to one character which the encoder writes at once (it holds back only
// characters that may begin a multi-character sequence) as exactly those bytes. After
// whole units the decoder is back at its start state with nothing pending and the
// encoder has nothing held, so for any bytes R: units + R round-trips exactly when R
// does, and decodes to the units' characters followed by R's decoding. The tables
// below decide a window from its units; the codec is asked only about what follows
// the last unit when the tables do not settle it.
//
// A pair also settles a window as failing when the decoder's first character for it
// is fixed by the pair alone and is written at once as bytes that differ from the
// pair's within their first two: U+FFFD for a lead byte read as no character (unless
// the codec writes U+FFFD with that very lead byte), or a character the codec writes
// otherwise. Whatever follows, the re-encoded bytes then start differently. In GB18030
// a lead byte and a digit (0x30–0x39) begin a four-byte sequence: those are settled
// four bytes at a time, since no sequence is longer.

const PAIR_UNDECIDED = -1;
/** A pair not looked at yet. */
const PAIR_UNKNOWN = -3;
const PAIR_FAILS = -2;

interface UnitTable {
  name: string;
  /** Writes one character at a time, to see whether it is written at once (not held as a possible sequence start). */
  encoder: ReturnType<typeof iconv.getEncoder>;
  /** By byte: the code point of a lone byte that is a unit, or -1. */
  single: Int32Array;
  /** By byte: the exact decoding of that byte alone (the last byte of a window), or null. */
  alone: (string | null)[];
  /** By lead << 8 | trail: the code point of a pair that is a unit, PAIR_FAILS, PAIR_UNDECIDED, or PAIR_UNKNOWN until first needed. */
  pair: Int32Array;
  /** GB18030: four-byte sequences looked up so far, by their bytes: the unit's text, PAIR_FAILS or PAIR_UNDECIDED. */
  quads?: Map<number, string | number>;
  /** The first byte the codec writes U+FFFD with, or -1 when it holds U+FFFD back. */
  replacementLead: number;
}

const unitTables = new Map<string, UnitTable>();
const MAX_QUADS = 1 << 16;

/** One code point other than U+FFFD, U+FEFF and lone surrogates, or -1. */
function soleCodePoint(text: string): number {
  const c = text.codePointAt(0);
  if (c === undefined || text.length !== (c > 0xffff ? 2 : 1)) return -1;
  return c === 0xfffd || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff) ? -1 : c;
}

/**
 * The bytes the encoder writes for `text` (one character) at once, or undefined when it
 * writes nothing until it sees what follows (a character that may begin a sequence).
 */
function bytesWrittenAtOnce(table: UnitTable, text: string): Buffer | undefined {
  const written = table.encoder.write(text);
  const held = table.encoder.end();
  return written.length > 0 && !(held && held.length > 0) ? written : undefined;
}

function unitTable(name: string): UnitTable {
  let table = unitTables.get(name);
  if (table) return table;
  const single = new Int32Array(0x100).fill(-1);
  const alone: (string | null)[] = [];
  table = { name, encoder: iconv.getEncoder(name), single, alone, pair: new Int32Array(0x10000).fill(PAIR_UNKNOWN), replacementLead: -1 };
  for (let byte = 0; byte < 0x100; byte++) {
    const bytes = Buffer.from([byte]);
    const text = iconv.decode(bytes, name);
    alone.push(codecRoundTrip(bytes, name) ?? null);
    if (soleCodePoint(text) >= 0 && bytesWrittenAtOnce(table, text)?.equals(bytes)) single[byte] = text.codePointAt(0)!;
  }
  table.replacementLead = bytesWrittenAtOnce(table, '\uFFFD')?.[0] ?? -1;
  if (soleCodePoint(iconv.decode(Buffer.from([0x81, 0x30, 0x81, 0x30]), name)) >= 0) table.quads = new Map();
  unitTables.set(name, table);
  return table;
}

/**
 * What the pair lead, trail is (a unit's code point, PAIR_FAILS or PAIR_UNDECIDED),
 * worked out when a window first meets it. Pairs were filled a whole row (lead byte) at a
 * time: the first lint of 4 MB built 158 rows (~30,000 pairs, ~150 ms of codec calls) to
 * read 731 pairs.
 */
function pairFate(table: UnitTable, lead: number, trail: number): number {
  const key = (lead << 8) | trail;
  table.pair[key] = PAIR_UNDECIDED;
  if (table.single[lead] >= 0 || (table.quads && trail >= 0x30 && trail <= 0x39)) return PAIR_UNDECIDED;
  // The pair then a newline: no codec here reads 0x0A as a trail byte, so the pair decodes
  // as if alone (it must come back as one piece and the newline, or it stays undecided).
  const decoded = iconv.decode(Buffer.from([lead, trail, 0x0a]), table.name);
  if (decoded.indexOf('\n') !== decoded.length - 1) return PAIR_UNDECIDED;
  const piece = decoded.slice(0, -1);
  // The first character the pair decodes to: U+FFFD when the lead byte was read as no character.
  const first = soleCodePoint(piece) >= 0 ? piece : piece.startsWith('\uFFFD') ? '\uFFFD' : undefined;
  if (first === undefined) return PAIR_UNDECIDED;
  const written = first === '\uFFFD' ? (table.replacementLead >= 0 ? Buffer.from([table.replacementLead]) : undefined) : bytesWrittenAtOnce(table, first);
  if (!written) return PAIR_UNDECIDED;
  let fate = PAIR_UNDECIDED;
  if (first !== '\uFFFD' && written.length === 2 && written[0] === lead && written[1] === trail) fate = first.codePointAt(0)!;
  else if (written[0] !== lead || (written.length >= 2 && written[1] !== trail)) fate = PAIR_FAILS;
  return (table.pair[key] = fate);
}

/** The fate of a GB18030 four-byte sequence beginning a rest of bytes: its unit's text, PAIR_FAILS or PAIR_UNDECIDED. */
function quadFate(table: UnitTable, b0: number, b1: number, b2: number, b3: number): string | number {
  const quads = table.quads!;
  const key = ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
  let fate = quads.get(key);
  if (fate !== undefined) return fate;
  const bytes = Buffer.from([b0, b1, b2, b3]);
  const text = iconv.decode(bytes, table.name);
  const written = soleCodePoint(text) >= 0 ? bytesWrittenAtOnce(table, text) : undefined;
  if (written?.equals(bytes)) fate = text;
  // As for pairs: a first character written otherwise within the first bytes, or U+FFFD for an unread lead byte.
  else if (written && written.some((byte, k) => k < 4 && byte !== bytes[k])) fate = PAIR_FAILS;
  else if (text.startsWith('\uFFFD') && table.replacementLead >= 0 && table.replacementLead !== b0) fate = PAIR_FAILS;
  else fate = PAIR_UNDECIDED;
  if (quads.size >= MAX_QUADS) quads.clear();
  quads.set(key, fate);
  return fate;
}

/** The code points of the units decoded so far (decodeUnits), grown as needed. */
let unitCodes = new Int32Array(256);

/** The string of the first `n` code points of unitCodes, then `tail`. */
function unitText(n: number, tail: string): string {
  let out = '';
  for (let k = 0; k < n; k++) out += String.fromCodePoint(unitCodes[k]);
  return out + tail;
}

/** The exact decoding of bytes[from, to) (the first byte with its high bit set when `highBitFirst`) in the table's codec, or undefined. */
function decodeUnits(table: UnitTable, bytes: Uint8Array, from: number, to: number, highBitFirst: boolean): string | undefined {
  // Most windows fail: their code points are collected, and a string made only for one that does not.
  if (unitCodes.length < to - from) unitCodes = new Int32Array(2 * (to - from));
  let n = 0;
  for (let i = from; i < to; ) {
    const byte = i === from && highBitFirst ? bytes[i] | 0x80 : bytes[i];
    const c = table.single[byte];
    if (c >= 0) {
      unitCodes[n++] = c;
      i++;
      continue;
    }
    if (i + 1 === to) {
      const last = table.alone[byte];
      return last === null ? undefined : unitText(n, last);
    }
    let p = table.pair[(byte << 8) | bytes[i + 1]];
    if (p === PAIR_UNKNOWN) p = pairFate(table, byte, bytes[i + 1]);
    if (p >= 0) {
      unitCodes[n++] = p;
      i += 2;
      continue;
    }
    if (p === PAIR_FAILS) return undefined;
    if (table.quads && i + 3 < to) {
      const fate = quadFate(table, byte, bytes[i + 1], bytes[i + 2], bytes[i + 3]);
      if (typeof fate === 'string') {
        unitCodes[n++] = fate.codePointAt(0)!;
        i += 4;
        continue;
      }
      if (fate === PAIR_FAILS) return undefined;
    }
    // The codec decides the rest; the units before it decode as they are.
    const rest = Buffer.from(bytes.subarray(i, to));
    rest[0] = byte;
    const tail = codecRoundTrip(rest, table.name);
    return tail === undefined ? undefined : unitText(n, tail);
  }
  return unitText(n, '');
}

/** Is bytes[from, to) well-formed UTF-8 (what Node's isUtf8 accepts: no overlong forms, surrogates or code points past U+10FFFF)? */
function validUtf8(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    const b0 = bytes[i];
    if (b0 < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      if (b0 === 0xe0) lo = 0xa0;
      else if (b0 === 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      if (b0 === 0xf0) lo = 0x90;
      else if (b0 === 0xf4) hi = 0x8f;
    } else return false;
    if (i + need >= to) return false;
    const b1 = bytes[i + 1];
    if (b1 < lo || b1 > hi) return false;
    for (let k = 2; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    i += need + 1;
  }
  return true;
}

/** Decodes bytes[from, to) as `codec` (the first byte with its high bit set when `highBitFirst`) only when encoding the result gives the very same bytes. */
function exactDecodeRange(bytes: Buffer, from: number, to: number, codec: CodecName, highBitFirst = false): string | undefined {
  // Valid UTF-8 is exactly what round-trips (the decoder replaces anything else with U+FFFD).
  if (codec === 'utf8' && !highBitFirst) return validUtf8(bytes, from, to) ? bytes.toString('utf8', from, to) : undefined;
  if (codec === 'utf8' || from === to) {
    const copy = Buffer.from(bytes.subarray(from, to));
    if (highBitFirst && copy.length > 0) copy[0] |= 0x80;
    return codec === 'utf8' ? (isUtf8(copy) ? copy.toString('utf8') : undefined) : codecRoundTrip(copy, ICONV[codec]);
  }
  return decodeUnits(unitTable(ICONV[codec]), bytes, from, to, highBitFirst);
}

/** Decodes `bytes` as `codec` (or a byte range, the first byte's high bit set on request) only when encoding the result gives the very same bytes. */
export function exactDecode(bytes: Buffer, codec: CodecName, highBitFirst = false): string | undefined {
  return exactDecodeRange(bytes, 0, bytes.length, codec, highBitFirst);
}

/** The codec's own round trip: the decoding of `bytes` when it encodes back to the very same bytes. */
function codecRoundTrip(bytes: Buffer, name: string): string | undefined {
  const text = iconv.decode(bytes, name);
  return iconv.encode(text, name).equals(bytes) ? text : undefined;
}

/** How many bytes at the end of bytes[from, to) form a UTF-8 sequence whose last bytes are missing (0 when none). */
function incompleteUtf8Tail(bytes: Uint8Array, from: number, to: number): number {
  for (let back = 1; back <= 3 && back <= to - from; back++) {
    const byte = bytes[to - back];
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 0;
    return need > back ? back : 0;
  }
  return 0;
}

function hasControl(text: string): boolean {
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
}

interface Candidate {
  a: number;
  b: number;
  path: CodecPath;
  damaged: string;
  repaired: string;
  gain: number;
  damagedUncommon: number;
  repairedUncommon: number;
  /** Han characters in the repair. */
  repairedHan: number;
  lostMarks: number;
}

function tryWindow(line: LineChars, a: number, b: number, path: CodecPath, encoded: EncodedRange): Candidate | undefined {
  // grade() turns down any repair of fewer than 2 uncommon characters, but for a UTF-8
  // run that decodes to marks of loss only (1 is enough there): known before decoding.
  const uncommon = line.uncommon(a, b);
  if (uncommon < 2 && !(uncommon === 1 && path.actual === 'utf8')) return undefined;
  const ea = a - encoded.base;
  const eb = b - encoded.base;
  if (encoded.missing[eb] !== encoded.missing[ea]) return undefined;
  const bytes = encoded.bytes;
  // The window's bytes are a range of the line's, never a copy.
  let from = encoded.offset[ea];
  const to = encoded.offset[eb];
  const highBit = path.shift === 'high-bit';
  if (highBit) {
    // Only an ASCII byte that could be a lead with its high bit restored (0x21–0x7E → 0xA1–0xFE).
    if (to - from < 2 || bytes[from] < 0x21 || bytes[from] > 0x7e) return undefined;
  } else if (path.shift === 'drop-first') {
    // The first character must be double-byte: its first byte is the orphaned trail.
    if (to - from < 3 || bytes[from] < 0x81 || encoded.offset[ea + 1] - encoded.offset[ea] !== 2) return undefined;
    from++;
  }
  let repaired = exactDecodeRange(bytes, from, to, path.actual, highBit);
  let truncated = false;
  if (repaired === undefined && path.actual === 'utf8' && !path.shift && b < line.length && (line.codes[b] === 0xfffd || line.codes[b] === 0x3f)) {
    // The run ends in an incomplete UTF-8 sequence whose last bytes the wrong decoder
    // turned into the `?`/U+FFFD that follows: everything before it is exact, the
    // last character is gone.
    const cut = incompleteUtf8Tail(bytes, from, to);
    if (cut > 0) {
      const head = exactDecodeRange(bytes, from, to - cut, 'utf8');
      if (head !== undefined) {
        repaired = head + '\uFFFD';
        truncated = true;
        b++;
      }
    }
  }
  if (repaired === undefined || hasControl(repaired)) return undefined;
  const damaged = line.text.slice(line.at[a], line.at[b]);
  if (repaired === damaged) return undefined;
  // U+FFFD inside valid UTF-8 is a character lost before this damage: it stays a mark of loss.
  let lostMarks = 0;
  const lossEnd = truncated ? repaired.length - 1 : repaired.length;
  for (let i = 0; i < lossEnd; i++) if (repaired.charCodeAt(i) === 0xfffd) lostMarks++;
  if (path.shift === 'drop-first') {
    repaired = '\uFFFD' + repaired;
    lostMarks++;
  }
  if (truncated) lostMarks++;
  let repairedCost = 0;
  let repairedUncommon = 0;
  let repairedHan = 0;
  for (let i = 0; i < repaired.length; i++) {
    let code = repaired.charCodeAt(i);
    if (code === 0xfffd) continue;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < repaired.length) {
      const low = repaired.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    const f = line.charFacts.ofCode(code);
    const c = f & Fact.ClassMask;
    repairedCost += c;
    if (c !== COMMON) repairedUncommon++;
    if (f & Fact.Han) repairedHan++;
  }
  // The lost-byte mark a truncated run swallowed is no evidence of mojibake.
  const damagedEnd = truncated ? b - 1 : b;
  const damagedCost = line.cost(a, damagedEnd);
  const damagedUncommon = line.uncommon(a, damagedEnd);
  return { a, b, path, damaged, repaired, gain: damagedCost - repairedCost, damagedUncommon, repairedUncommon, repairedHan, lostMarks };
}

const MAX_GAP = 4;
const MAX_REACH = 8;

/** Clusters of suspicious characters on one line, as [first, last] code point indexes. */
function clusters(line: LineChars): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let current: [number, number] | undefined;
  for (let i = 0; i < line.length; i++) {
    if (!(line.facts[i] & Fact.Seed)) continue;
    let bridged = false;
    if (current && i - current[1] - 1 <= MAX_GAP) {
      bridged = true;
      for (let j = current[1] + 1; j < i; j++) if (line.facts[j] & Fact.Space) bridged = false;
    }
    if (current && bridged) current[1] = i;
    else {
      if (current) out.push(current);
      current = [i, i];
    }
  }
  if (current) out.push(current);
  return out;
}

function better(x: Candidate, y: Candidate | undefined): boolean {
  if (!y) return true;
  // Net gain first: it already charges the repair for any rare character it keeps
  // (以万物为刍狗 is a better reading than 以万物为 and three characters of mojibake).
  if (x.gain !== y.gain) return x.gain > y.gain;
  if (x.repairedUncommon !== y.repairedUncommon) return x.repairedUncommon < y.repairedUncommon;
  if (x.lostMarks !== y.lostMarks) return x.lostMarks < y.lostMarks;
  // The same gain over more characters: the damage reaches that far (an exact
  // decoding of clean text into other common text would have cost it gain).
  return x.b - x.a > y.b - y.a;
}
/** Code points of `text`, and how many of them are not ASCII. */
function codePointCounts(text: string): { all: number; nonAscii: number } {
  let all = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    all++;
    if (code >= 0x80) nonAscii++;
    // A surrogate pair is one code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
  }
  return { all, nonAscii };
}

/** ASCII characters each counted, for the multiset test of grade(); all zero between uses. */
const asciiCounts = new Int32Array(0x80);

/** Are the ASCII characters of `made` (with repeats) among those of `had`? */
function asciiWithin(made: string, had: string): boolean {
  let any = false;
  for (let i = 0; i < made.length; i++) {
    const code = made.charCodeAt(i);
    if (code < 0x80) {
      asciiCounts[code]++;
      any = true;
    }
  }
  if (!any) return true;
  for (let i = 0; i < had.length; i++) {
    const code = had.charCodeAt(i);
    if (code < 0x80) asciiCounts[code]--;
  }
  let within = true;
  // Back to all zero: only the entries the two strings touched.
  for (const text of [made, had]) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) continue;
      if (asciiCounts[code] > 0) within = false;
      asciiCounts[code] = 0;
    }
  }
  return within;
}

/** Whether a candidate is a credible repair at all, and whether it is safe. */
function grade(c: Candidate): 'safe' | 'unsafe' | undefined {
  const damagedNonAscii = codePointCounts(c.damaged).nonAscii;
  const density = damagedNonAscii === 0 ? 0 : c.damagedUncommon / damagedNonAscii;
  const repairedLength = codePointCounts(c.repaired).all;
  if (c.repairedUncommon > (c.path.shift ? 0 : Math.max(1, Math.floor(repairedLength / 5)))) return undefined;
  // ASCII bytes mean the same in every codec here: a repair that makes new ASCII
  // characters out of trail bytes (0x40–0x7E) is pairing the bytes wrongly.
  if (!asciiWithin(c.repaired, c.damaged)) return undefined;
  // 锟斤拷 is U+FFFD written in UTF-8 and read as GBK: it repairs to marks of loss only.
  let onlyLoss = true;
  for (let i = 0; i < c.repaired.length && onlyLoss; i++) if (c.repaired.charCodeAt(i) !== 0xfffd) onlyLoss = false;
  if (onlyLoss) return c.path.actual === 'utf8' && c.damagedUncommon >= 1 && codePointCounts(c.damaged).all >= 3 ? 'unsafe' : undefined;
  if (c.repairedHan < 2) return undefined;
  if (c.gain < 2 || c.damagedUncommon < 2 || density < 0.3) return undefined;
  // A repair that lost a character must recover more than two: 蟒岱A (a place name and a
  // letter) read as a Big5 stream missing a lead byte gives only "\uFFFD祟你".
  if (c.lostMarks > 0 && c.repairedHan < 3) return undefined;
  if (c.lostMarks > 0 || c.repairedUncommon > 0) return 'unsafe';
  // Between the two legacy double-byte codecs nearly every pair decodes in both: demand more.
  const legacyPair = c.path.actual !== 'utf8' && c.path.shift === undefined;
  if (legacyPair) return c.gain >= 4 && c.damagedUncommon >= 3 && density >= 0.5 ? 'safe' : 'unsafe';
  return density >= 0.4 ? 'safe' : 'unsafe';
}

/**
 * False when no window starting at code point `a` can round-trip on `path`, whatever
 * its end: tryWindow would turn each down for its first byte alone.
 */
function mayStart(path: CodecPath, encoded: EncodedRange, a: number): boolean {
  const at = encoded.offset[a - encoded.base];
  if (at >= encoded.bytes.length) return true;
  const byte = encoded.bytes[at];
  // UTF-8: a continuation byte or C0/C1 cannot begin a sequence, nor the head of a cut one.
  if (path.actual === 'utf8') return byte < 0x80 || byte > 0xc1;
  if (path.shift === 'high-bit') return byte >= 0x21 && byte <= 0x7e;
  if (path.shift === 'drop-first') return byte >= 0x81 && encoded.offset[a + 1 - encoded.base] - at === 2;
  return true;
}

function searchCluster(line: LineChars, first: number, last: number, floor: number): Candidate | undefined {
  // The window stays within the run of non-space characters around the cluster.
  let lo = first;
  while (lo > floor && first - lo < MAX_REACH && !(line.facts[lo - 1] & Fact.Space)) lo--;
  let hi = last + 1;
  while (hi < line.length && hi - last - 1 < MAX_REACH && !(line.facts[hi] & Fact.Space)) hi++;
  // Between GBK and Big5 nearly every pair decodes both ways and each character maps
  // to one character, so nothing in the bytes says where the damage ends: only a
  // whole run between boundaries (line edge, space, ASCII, full-width punctuation)
  // is tried.
  const [ra, rb] = line.runAround(first, last);
  // Every window lies within these code points: only they are encoded.
  const from = Math.min(lo, ra);
  const to = Math.max(hi, rb);
  const gbk = line.encoded('gbk', from, to);
  const big5 = line.encoded('big5', from, to);
  // tryWindow turns down a window with fewer than 2 uncommon characters unless the run is UTF-8.
  const fewUncommon = line.uncommon(from, to) < 2;
  let best: Candidate | undefined;
  for (const path of CODEC_PATHS) {
    if (fewUncommon && path.actual !== 'utf8') continue;
    const encoded = path.readAs === 'gbk' ? gbk : path.readAs === 'big5' ? big5 : line.encoded(path.readAs, from, to);
    if (path.actual !== 'utf8' && !path.shift) {
      const c = line.wholeRun(ra, rb, path, () => tryWindow(line, ra, rb, path, encoded));
      if (c && grade(c) && better(c, best)) best = c;
      continue;
    }
    for (let a = lo; a <= Math.min(first + 3, last); a++) {
      if (!mayStart(path, encoded, a)) continue;
      const missingBefore = encoded.missing[a - encoded.base];
      for (let b = Math.max(a + 1, last - 2); b <= hi; b++) {
        // A character the codec cannot hold is in this window and every longer one.
        if (encoded.missing[b - encoded.base] !== missingBefore) break;
        const c = tryWindow(line, a, b, path, encoded);
        if (c && grade(c) && better(c, best)) best = c;
      }
    }
  }
  return best;
}

/** Is this cluster dense enough in rare characters to call mojibake without a repair? */
function looksLikeMojibake(line: LineChars, first: number, last: number): string[] | undefined {
  const evidence: string[] = [];
  let veryRare = 0;
  let symbols = 0;
  let han = 0;
  for (let i = first; i <= last; i++) {
    const f = line.facts[i];
    if (f & Fact.Han) han++;
    if (!(f & Fact.Seed)) continue;
    evidence.push(line.char(i));
    if ((f & Fact.ClassMask) === VERY_RARE) veryRare++;
    if (f & Fact.TableSymbol) symbols++;
  }
  const length = last - first + 1;
  if (evidence.length >= 4 && evidence.length / length >= 0.4 && han >= 2 && (veryRare >= 1 || symbols >= 1) && veryRare + symbols >= 2) return evidence;
  return undefined;
}

// Facts depend on the corpus counts the model reads: kept per model until they change.
const factsByModel = new WeakMap<CommonnessModel, { version: number; facts: CharFacts }>();

function factsFor(model: CommonnessModel): CharFacts {
  const version = model.version;
  if (version === undefined) return new CharFacts(model);
  let entry = factsByModel.get(model);
  if (!entry || entry.version !== version) factsByModel.set(model, (entry = { version, facts: new CharFacts(model) }));
  return entry.facts;
}


/** Mojibake runs in a line known to hold a seed. */
function seededLineSpans(text: string, lineStart: number, facts: CharFacts): MojibakeSpan[] {
  let spans = facts.spansOf(text);
  if (!spans) {
    spans = searchLine(text, facts);
    facts.keepSpans(text, spans);
  }
  if (lineStart === 0) return spans.map((s) => ({ ...s }));
  return spans.map((s) => ({ ...s, start: s.start + lineStart, end: s.end + lineStart }));
}

/** The mojibake runs of a line that holds a seed, at offsets in the line. */
function searchLine(text: string, facts: CharFacts, line = new LineChars(text, facts), lineClusters = clusters(line)): MojibakeSpan[] {
  const lineStart = 0;
  const spans: MojibakeSpan[] = [];
  let floor = 0;
  for (const [first, last] of lineClusters) {
    if (first < floor) continue;
    const best = searchCluster(line, first, last, floor);
    if (best) {
      const grading = grade(best)!;
      // Characters the repair leaves as they were (ASCII at the edges) are not part of
      // the damage. The repair is trimmed by index: slicing it once per character
      // would cost its length each time.
      let a = best.a;
      let b = best.b;
      let head = 0;
      let tail = best.repaired.length;
      while (a < b && head + line.char(a).length <= tail && best.repaired.startsWith(line.char(a), head) && best.path.shift === undefined) {
        head += line.char(a).length;
        a++;
      }
      while (b > a && tail - line.char(b - 1).length >= head && best.repaired.endsWith(line.char(b - 1), tail)) {
        tail -= line.char(b - 1).length;
        b--;
      }
      const repaired = best.repaired.slice(head, tail);
      const start = line.at[a];
      const end = line.at[b];
      const evidence: string[] = [];
      for (let i = a; i < b; i++) if (line.facts[i] & Fact.Seed) evidence.push(line.char(i));
      spans.push({
        start: lineStart + start,
        end: lineStart + end,
        damaged: text.slice(start, end),
        repaired,
        path: best.path,
        safe: grading === 'safe',
        lostBefore: start > 0 && (text[start - 1] === '?' || text[start - 1] === '\uFFFD'),
        bytesLost: best.lostMarks > 0,
        evidence,
      });
      floor = best.b;
      continue;
    }
    const evidence = looksLikeMojibake(line, first, last);
    if (evidence) {
      const start = line.at[first];
      const end = line.at[last + 1];
      spans.push({
        start: lineStart + start,
        end: lineStart + end,
        damaged: text.slice(start, end),
        safe: false,
        lostBefore: start > 0 && (text[start - 1] === '?' || text[start - 1] === '\uFFFD'),
        bytesLost: true,
        evidence,
      });
      floor = last + 1;
    }
  }
  return spans;
}

/**
 * The text searched last, its facts and its runs: a lint searches a document and then
 * (context-repair) its normalised view, which is the very same text unless the
 * document has annotations or entities.
 */
let lastSearch: { text: string; facts: CharFacts; spans: MojibakeSpan[] } | undefined;

/**
 * Work between two yields of a search in steps, in code units scanned for a seed, where a unit
 * of a line that holds one (and so is searched) counts SEARCHED_UNIT_WEIGHT: it costs about ten
 * times as much. About half a millisecond of work, however the seeds are spread; a line is never split.
 */
const STEP_UNITS = 32768;
const SEARCHED_UNIT_WEIGHT = 10;

/**
 * Calls `visit` with each line of `text` that holds a seed (without its line break or a CR
 * before it) and its offset, yielding between lines when a part's work is done.
 */
function* forSeededLines(text: string, facts: CharFacts, visit: (line: string, lineStart: number) => void): Generator<void, void, void> {
  const budget = new StepBudget(STEP_UNITS);
  // One pass of table look-ups finds them.
  for (let from = 0; from <= text.length; ) {
    const seed = facts.firstSeed(text, from);
    if (seed < 0) break;
    const lineStart = text.lastIndexOf('\n', seed) + 1;
    let lineEnd = text.indexOf('\n', seed);
    if (lineEnd < 0) lineEnd = text.length;
    const contentEnd = text.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;
    visit(text.slice(lineStart, contentEnd), lineStart);
    if (budget.spend(lineEnd - from + SEARCHED_UNIT_WEIGHT * (contentEnd - lineStart))) yield;
    from = lineEnd + 1;
  }
}

/** Mojibake runs in a whole text, line by line. */
export function findMojibake(text: string, model: CommonnessModel): MojibakeSpan[] {
  return runSteps(findMojibakeInSteps(text, model));
}

/** findMojibake in parts, a yield between them (between lines). */
export function* findMojibakeInSteps(text: string, model: CommonnessModel): Generator<void, MojibakeSpan[], void> {
  const facts = factsFor(model);
  if (lastSearch && lastSearch.facts === facts && lastSearch.text === text) return lastSearch.spans.map((s) => ({ ...s }));
  const spans: MojibakeSpan[] = [];
  yield* forSeededLines(text, facts, (line, lineStart) => {
    for (const span of seededLineSpans(line, lineStart, facts)) spans.push(span);
  });
  lastSearch = { text, facts, spans: spans.map((s) => ({ ...s })) };
  return spans;
}

/**
 * Can some cluster of the line look like mojibake on its own (looksLikeMojibake)? Not
 * with fewer than 4 seeds in the whole line, or none of them very rare or a table symbol.
 */
function mayLookLikeMojibake(text: string, facts: CharFacts): boolean {
  let seeds = 0;
  let telling = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (code < 0x80) continue;
    const f = facts.ofCode(code);
    if (!(f & Fact.Seed)) continue;
    seeds++;
    if ((f & Fact.ClassMask) === VERY_RARE || f & Fact.TableSymbol) telling = true;
  }
  return seeds >= 4 && telling;
}

/**
 * The runs of findMojibake(text, model) that no round trip repairs (`repaired`
 * undefined). Only a cluster dense enough to look like mojibake on its own can give
 * one, so lines without such a cluster are not searched at all.
 */
export function findUnrepairableMojibake(text: string, model: CommonnessModel): MojibakeSpan[] {
  return runSteps(findUnrepairableMojibakeInSteps(text, model));
}

/** findUnrepairableMojibake in parts, a yield between them (between lines). */
export function* findUnrepairableMojibakeInSteps(text: string, model: CommonnessModel): Generator<void, MojibakeSpan[], void> {
  const facts = factsFor(model);
  const unrepaired = (s: MojibakeSpan) => s.repaired === undefined;
  if (lastSearch && lastSearch.facts === facts && lastSearch.text === text) return lastSearch.spans.filter(unrepaired).map((s) => ({ ...s }));
  const spans: MojibakeSpan[] = [];
  yield* forSeededLines(text, facts, (text, lineStart) => {
    let lineSpans = facts.spansOf(text);
    if (!lineSpans) {
      if (!mayLookLikeMojibake(text, facts)) return;
      const line = new LineChars(text, facts);
      const lineClusters = clusters(line);
      if (!lineClusters.some(([first, last]) => looksLikeMojibake(line, first, last))) return;
      lineSpans = searchLine(text, facts, line, lineClusters);
      facts.keepSpans(text, lineSpans);
    }
    for (const s of lineSpans) if (unrepaired(s)) spans.push({ ...s, start: s.start + lineStart, end: s.end + lineStart });
  });
  return spans;
}
