// Detection and repair of "Latin" mojibake: UTF-8 bytes that were decoded with a
// single-byte code page (Windows-1252 / Latin-1, MacRoman, Windows-1251, CP437 and a
// few Central European pages), possibly more than once.
//
// Own design, in three steps per line of text:
//  1. For each code page, map every character back to the byte it came from (the
//     tables come from iconv-lite, never typed by hand) and look for byte runs that
//     form valid UTF-8 multi-byte sequences. Adjacent sequences make a cluster.
//  2. Score each cluster with a "weirdness" measure of its surroundings before and
//     after decoding (accented capitals followed by symbols, symbols glued inside
//     words, case flips inside words, script mixing, rare letters, C1 controls).
//     A cluster is kept when decoding makes its neighbourhood less weird; a code page
//     is used for a line only when the kept clusters together clearly pay off.
//  3. Repeat on the result (mojibake applied twice or three times), and finally turn
//     C1 control characters that remain into the Windows-1252 characters they stand for.
//
// A missed fix is better than a false one: every threshold errs on leaving text alone.
import iconv from 'iconv-lite';

export interface LatinCodec {
  /** Name used in messages. */
  label: string;
  /** iconv-lite encoding name. */
  iconvName: string;
  /** Extra evidence a code page needs before it is believed (the rarer, the higher). */
  prior: number;
  /**
   * Which C1 controls also stand for their own byte: 'all' (Windows-1252 merged with
   * Latin-1, which decodes 0x80-0x9F as C1 controls), 'undefined' (a "sloppy" decoder that
   * passes the code page's unused bytes through), or 'none'.
   */
  sloppy: 'all' | 'undefined' | 'none';
  toByte: Map<number, number>;
  /** toByte as a table by UTF-16 code unit, ASCII standing for itself, -1 where the code page has no byte. */
  byteOf: Int16Array;
}

function buildCodec(label: string, iconvName: string, prior: number, sloppy: LatinCodec['sloppy']): LatinCodec {
  const toByte = new Map<number, number>();
  const undefinedBytes: number[] = [];
  for (let b = 0x80; b <= 0xff; b++) {
    const ch = iconv.decode(Buffer.from([b]), iconvName);
    if (ch.length === 1 && ch !== '\ufffd') {
      if (!toByte.has(ch.charCodeAt(0))) toByte.set(ch.charCodeAt(0), b);
    } else undefinedBytes.push(b);
  }
  const passedThrough = sloppy === 'all' ? Array.from({ length: 32 }, (_, i) => 0x80 + i) : sloppy === 'undefined' ? undefinedBytes : [];
  for (const b of passedThrough) if (b <= 0x9f && !toByte.has(b)) toByte.set(b, b);
  const byteOf = new Int16Array(0x10000).fill(-1);
  for (let b = 0; b < 0x80; b++) byteOf[b] = b;
  for (const [code, b] of toByte) byteOf[code] = b;
  return { label, iconvName, prior, sloppy, toByte, byteOf };
}

export const LATIN_CODECS: readonly LatinCodec[] = [
  buildCodec('Windows-1252/Latin-1', 'windows-1252', 0, 'all'),
  buildCodec('MacRoman', 'macintosh', 0.5, 'none'),
  buildCodec('Windows-1251', 'windows-1251', 0.5, 'undefined'),
  buildCodec('CP437', 'cp437', 1, 'none'),
  buildCodec('Windows-1250', 'windows-1250', 1, 'undefined'),
  buildCodec('ISO-8859-2', 'iso-8859-2', 1, 'none'),
  buildCodec('Windows-1257', 'windows-1257', 1.5, 'undefined'),
];

const WIN1252 = LATIN_CODECS[0];

// By code unit (the tests below meet every non-ASCII character of every line): the code pages in
// which a character stands for a UTF-8 lead byte (0xC2-0xF4), one bit each in LATIN_CODECS order,
// and the fewest continuation bytes it announces in any of them; and whether a character can be a
// continuation byte: one (0x80-0xBF) in some code page, or what a guess reads as one (U+FFFD for a
// lost byte, a space for a lost no-break space; a question mark too, but never right after the lead).
export const LEAD_CODECS = new Uint8Array(0x10000);
const LEAD_MIN_CONTINUATIONS = new Uint8Array(0x10000);
const IS_CONTINUATION = new Uint8Array(0x10000);
LATIN_CODECS.forEach((codec, index) => {
  for (const [cp, b] of codec.toByte) {
    const n = continuationCount(b);
    if (n > 0) {
      LEAD_CODECS[cp] |= 1 << index;
      if (LEAD_MIN_CONTINUATIONS[cp] === 0 || n < LEAD_MIN_CONTINUATIONS[cp]) LEAD_MIN_CONTINUATIONS[cp] = n;
    }
    if (isCont(b)) IS_CONTINUATION[cp] = 1;
  }
});
IS_CONTINUATION[0xfffd] = 1;
IS_CONTINUATION[0x20] = 1;

/**
 * Whether a sequence can start at i: a lead byte's character followed by as many characters that
 * can be continuation bytes as the shortest sequence it can lead in any code page (a middle dot
 * followed by a space and a letter cannot, though MacRoman reads it as a lead byte). A superset of
 * what readSequence accepts in any code page, and a test line breaks never pass.
 */
export function isLeadAt(text: string, i: number, code: number): boolean {
  const n = LEAD_MIN_CONTINUATIONS[code];
  if (n === 0 || i + n >= text.length) return false;
  for (let k = 1; k <= n; k++) {
    const next = text.charCodeAt(i + k);
    if (IS_CONTINUATION[next] !== 1 && !(k >= 2 && next === 0x3f /* ? */)) return false;
  }
  return true;
}

// A regex finds the next non-ASCII code unit several times faster than a loop over the code units
// (in mostly ASCII text; a run of non-ASCII text is then read by the loop).
const NON_ASCII = /[^\x00-\x7f]/g;

// ---------------------------------------------------------------------------
// Character classes used by the weirdness measure.

const RE_LETTER = /\p{L}/u;
const RE_UPPER = /\p{Lu}/u;
const RE_LOWER = /\p{Ll}/u;
const RE_MARK = /\p{M}/u;
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['CJ', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Tamil', /\p{Script=Tamil}/u],
];
/** Scripts whose lone letters between non-letters are unusual in running text (Cyrillic has о, в, и). */
const ALPHABETS_RARELY_ALONE = new Set(['Armenian', 'Hebrew', 'Arabic', 'Thai', 'Devanagari', 'Tamil', 'Other']);

/** Signs real text puts right after a letter: closing quotes and apostrophes most of all. */
const FOLLOWS_LETTERS_OFTEN = new Set([...'’”']);
const FOLLOWS_LETTERS_SOMETIMES = new Set([...'…–—»°®™©·\u00a0']);

/**
 * The signs mojibake is made of: every non-letter, non-digit character that one of the
 * code pages shows for a UTF-8 continuation byte (0x80-0xBF), taken from iconv-lite.
 */
const CONTINUATION_SIGNS: ReadonlySet<number> = (() => {
  const set = new Set<number>();
  for (const codec of LATIN_CODECS) {
    for (const [cp, b] of codec.toByte) {
      if (b >= 0x80 && b <= 0xbf && cp >= 0xa0 && !/[\p{L}\p{Nd}\p{M}\s]/u.test(String.fromCodePoint(cp))) set.add(cp);
    }
  }
  return set;
})();

const scriptCache = new Map<number, string | null>();
function scriptOf(cp: number): string | null {
  let s = scriptCache.get(cp);
  if (s !== undefined) return s;
  const ch = String.fromCodePoint(cp);
  s = null;
  if (RE_LETTER.test(ch) || (RE_MARK.test(ch) && !/\p{Script=Inherited}/u.test(ch))) {
    s = 'Other';
    for (const [name, re] of SCRIPTS) if (re.test(ch)) { s = name; break; }
  }
  scriptCache.set(cp, s);
  return s;
}

const isC1 = (cp: number) => cp >= 0x80 && cp <= 0x9f;
/** A sign a continuation byte turns into (the no-break space included). */
const isMojibakeSign = (cp: number) => cp === 0xa0 || CONTINUATION_SIGNS.has(cp);
/** How odd a mojibake sign is right after a letter: 0 (a closing quote), 1 or 2 (¢, ¥, €, “). */
function oddAfterLetter(cp: number): number {
  if (isC1(cp)) return 2;
  if (!isMojibakeSign(cp)) return 0;
  const ch = String.fromCodePoint(cp);
  return FOLLOWS_LETTERS_OFTEN.has(ch) ? 0 : FOLLOWS_LETTERS_SOMETIMES.has(ch) ? 1 : 2;
}
/** Box drawing, blocks, shades and mathematical operators: CP437's and MacRoman's upper halves. */
const isGraphic = (cp: number) =>
  (cp >= 0x2200 && cp <= 0x22ff) || (cp >= 0x2310 && cp <= 0x2321) || (cp >= 0x2500 && cp <= 0x25ff);

/** Letters that almost never occur in ordinary text, but are what mis-paired bytes decode to. */
// Latin Extended-A letters outside the major orthographies (Maltese ġ, Esperanto ĵ ŭ, pre-1946 Latvian ŗ, long s ...).
const RARE_EXTENDED_A = new Set(Array.from('ĠġĨĩĬĭĲĳĴĵĸĿŀŉŊŋŎŏŖŗŦŧŨũŬŭŶŷſ', (c) => c.codePointAt(0)!));

function isRareLetter(cp: number): boolean {
  if (RARE_EXTENDED_A.has(cp)) return true;
  if (cp >= 0x0180 && cp <= 0x024f) {
    // Latin Extended-B, except Vietnamese horned letters, pinyin caron vowels, Romanian comma letters.
    if (cp === 0x01a0 || cp === 0x01a1 || cp === 0x01af || cp === 0x01b0) return false;
    if (cp >= 0x01cd && cp <= 0x01dc) return false;
    if (cp >= 0x0218 && cp <= 0x021b) return false;
    return true;
  }
  if (cp >= 0x0250 && cp <= 0x02ff) return true; // IPA, spacing modifier letters
  if (cp >= 0x0460 && cp <= 0x048f) return true; // historic Cyrillic
  if (cp >= 0x04c0 && cp <= 0x052f) return true; // rare Cyrillic, Cyrillic Supplement
  if (cp >= 0x0530 && cp <= 0x058f) return true; // Armenian
  if (cp >= 0x1d00 && cp <= 0x1dbf) return true; // phonetic extensions
  return false;
}

// Everything the weirdness measure asks about a code point, in one number looked up once per
// BMP code point (astral ones are computed each time: they are rare in Latin text). The measure
// asks about every character and its neighbours; regexes, Sets and a Map per question were
// most of its cost.
const KNOWN = 1;
const LETTER = 2;
const UPPER = 4;
const LOWER = 8;
const MARK = 16;
const RARE_LETTER = 32;
const SIGN = 64; // isMojibakeSign
const GRAPHIC = 128;
const ODD_SHIFT = 8; // oddAfterLetter, two bits
const SCRIPT_SHIFT = 10; // index into SCRIPT_NAMES, four bits
const SCRIPT_NAMES: (string | null)[] = [null, 'Other', ...SCRIPTS.map(([name]) => name)];
/** Script ids as bits of a mask. */
const scriptMask = (test: (name: string) => boolean) => SCRIPT_NAMES.reduce((m, s, i) => (s !== null && test(s) ? m | (1 << i) : m), 0);
const RARELY_ALONE_MASK = scriptMask((s) => ALPHABETS_RARELY_ALONE.has(s));
const IDEOGRAPHIC_MASK = scriptMask((s) => s === 'CJ' || s === 'Hangul');
const LATIN_ID = SCRIPT_NAMES.indexOf('Latin');

function computeProps(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const script = scriptOf(cp);
  return (
    KNOWN |
    (RE_LETTER.test(ch) ? LETTER : 0) |
    (RE_UPPER.test(ch) ? UPPER : 0) |
    (RE_LOWER.test(ch) ? LOWER : 0) |
    (RE_MARK.test(ch) ? MARK : 0) |
    (isRareLetter(cp) ? RARE_LETTER : 0) |
    (isMojibakeSign(cp) ? SIGN : 0) |
    (isGraphic(cp) ? GRAPHIC : 0) |
    (oddAfterLetter(cp) << ODD_SHIFT) |
    (SCRIPT_NAMES.indexOf(script) << SCRIPT_SHIFT)
  );
}
const bmpProps = new Uint16Array(0x10000);
/** The property bits of a code point; 0 for none (-1, before the start or after the end). */
function propsOf(cp: number): number {
  if (cp < 0) return 0;
  if (cp > 0xffff) return computeProps(cp);
  let f = bmpProps[cp];
  if (f === 0) bmpProps[cp] = f = computeProps(cp);
  return f;
}
const scriptIdOf = (props: number) => (props >> SCRIPT_SHIFT) & 15;
const ODD_POINTS_AFTER_LATIN_CAPITAL = [0.5, 1, 2];
const ODD_POINTS_AFTER_LETTER = [0, 0.5, 1.5];

/** Letters of two scripts touching: Latin next to Han or Hangul is stranger than next to Greek. */
function mixCost(a: number, b: number, oneIsAscii: boolean): number {
  if (((IDEOGRAPHIC_MASK >> a) & 1) !== ((IDEOGRAPHIC_MASK >> b) & 1)) return 2;
  return oneIsAscii ? 1 : 2;
}

/**
 * How weird a piece of text looks, in points. Own measure: every point is a local
 * pattern that ordinary text rarely has but mojibake has all the time.
 */
export function weirdness(text: string): number {
  // Only non-ASCII code points earn points, each from its window (the code point before the
  // previous, the previous, itself, the next): in a long text, ASCII stretches are skipped by a
  // regex search and the window is read around each run of non-ASCII code units. Whole lines are
  // scored, mostly ASCII, and a loop over every code point was much of judging a line before the
  // JIT warms up; a short text (a cluster in its context) is walked, cheaper than the searches.
  // Same points, added in the same order, as weirdnessEveryCodePoint.
  return text.length < WEIRDNESS_SEARCH_FROM ? weirdnessEveryCodePoint(text) : weirdnessByRuns(text);
}

/** weirdness read around the runs of non-ASCII code units found by a regex search. */
export function weirdnessByRuns(text: string): number {
  const length = text.length;
  let score = 0;
  WEIRDNESS_NON_ASCII.lastIndex = 0;
  while (WEIRDNESS_NON_ASCII.test(text)) {
    let i = WEIRDNESS_NON_ASCII.lastIndex - 1;
    // What precedes the run: an ASCII code unit (or nothing), and before it any code point.
    const p = i > 0 ? text.charCodeAt(i - 1) : -1;
    let pf = propsOf(p);
    let ppf = i > 1 ? propsOf(codePointEndingAt(text, i - 2)) : 0;
    let prev = p;
    let c = text.codePointAt(i)!;
    let cf = propsOf(c);
    i += c > 0xffff ? 2 : 1;
    for (;;) {
      let n = -1;
      if (i < length) n = text.codePointAt(i)!;
      const nf = propsOf(n);
      score += pointWeirdness(prev, c, n, ppf, pf, cf, nf);
      if (n < 0x80) break; // the run ends (n ASCII, or the text's end)
      ppf = pf;
      prev = c;
      pf = cf;
      c = n;
      cf = nf;
      i += n > 0xffff ? 2 : 1;
    }
    // i is at the ASCII code unit after the run (or the end): the search goes on after it.
    WEIRDNESS_NON_ASCII.lastIndex = i;
  }
  return score;
}

const WEIRDNESS_NON_ASCII = /[^\x00-\x7f]/g;
const WEIRDNESS_SEARCH_FROM = 64;

/** The code point whose last code unit is at `at` (a surrogate pair read backwards, as codePointAt pairs them forwards). */
function codePointEndingAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if ((code & 0xfc00) === 0xdc00 && at > 0 && (text.charCodeAt(at - 1) & 0xfc00) === 0xd800) return text.codePointAt(at - 1)!;
  return code;
}

/** weirdness by a walk over every code point: the reference its ASCII-skipping search is tested against. */
export function weirdnessEveryCodePoint(text: string): number {
  const length = text.length;
  let score = 0;
  // A window of code points slides over the text: the one before the previous, the previous p,
  // the current one c and the next n, each with its properties (ppf, pf, cf, nf) looked up once.
  let ppf = 0;
  let p = -1;
  let pf = 0;
  let c = length > 0 ? text.codePointAt(0)! : -1;
  let cf = propsOf(c);
  let i = c > 0xffff ? 2 : 1;
  while (c >= 0) {
    let n = -1;
    if (i < length) {
      n = text.codePointAt(i)!;
      i += n > 0xffff ? 2 : 1;
    }
    const nf = propsOf(n);
    if (c >= 0x80) score += pointWeirdness(p, c, n, ppf, pf, cf, nf);
    ppf = pf;
    p = c;
    pf = cf;
    c = n;
    cf = nf;
  }
  return score;
}

/**
 * The points of one non-ASCII code point c, between p and n (-1 where the text ends), from
 * the properties of the code points around it (ppf: the one before p; 0 for none).
 */
function pointWeirdness(p: number, c: number, n: number, ppf: number, pf: number, cf: number, nf: number): number {
  if (isC1(c)) return 3;
  let score = 0;
  if (cf & RARE_LETTER) score += 2;
  const script = scriptIdOf(cf);
  if (cf & LETTER) {
    // An accented capital followed by a sign: Ã©, Â£, Ã¢, Å“ ...
    if (cf & UPPER && script === LATIN_ID && n >= 0 && (nf & SIGN || isC1(n))) score += ODD_POINTS_AFTER_LATIN_CAPITAL[(nf >> ODD_SHIFT) & 3];
    // Any other non-ASCII letter followed by a sign: â€, п¬, â™ ...
    else if (n >= 0) score += ODD_POINTS_AFTER_LETTER[(nf >> ODD_SHIFT) & 3];
    // Two capitals then a small letter, as in ÄŒe, ÄÆd.
    if (cf & UPPER && pf & UPPER && nf & LOWER) score += 1;
    // A case flip inside a word: voilÃ, rÃ©, РґРѕ.
    if (cf & UPPER && pf & LOWER) score += 1.5;
    // A lowercase letter ending an all-capitals word: AHř.
    if (cf & LOWER && pf & UPPER && ppf & UPPER) score += 1.5;
  }
  if (script !== 0 && n >= 0) {
    const ns = scriptIdOf(nf);
    if (ns !== 0 && ns !== script) score += mixCost(script, ns, n < 0x80);
  }
  if (script !== 0 && p >= 0 && p < 0x80) {
    const ps = scriptIdOf(pf);
    if (ps !== 0 && ps !== script) score += mixCost(script, ps, true);
  }
  if (script !== 0 && cf & LETTER && (RARELY_ALONE_MASK >> script) & 1) {
    // Alone: no letter or mark of its own script on either side.
    const aloneBefore = p < 0 || (scriptIdOf(pf) !== script && !(pf & MARK));
    const aloneAfter = n < 0 || (scriptIdOf(nf) !== script && !(nf & MARK));
    if (aloneBefore && aloneAfter) score += 1;
  }
  // A sign glued inside a word: rÃ©gime, g√¢teaux.
  if (cf & SIGN && c !== 0x2019 && c !== 0x2018 && c !== 0xb7 && pf & LETTER && nf & LETTER) score += ((cf >> ODD_SHIFT) & 3) === 2 ? 2 : 1.5;
  // Box drawing or a math operator glued to a word: after a letter is odder than
  // before one (√π is mathematics, m√≤ is not).
  if (cf & GRAPHIC) score += (pf & LETTER ? 1.5 : 0) + (nf & LETTER ? 0.75 : 0);
  return score;
}

// ---------------------------------------------------------------------------
// Finding UTF-8 sequences hidden in a code page's characters.

interface Sequence {
  start: number;
  end: number;
  text: string;
  /** Decoded with a guess: a lost byte, or a space standing for a no-break space. */
  guess: boolean;
  /** How many bytes the sequence took. */
  bytes: number;
}

function continuationCount(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return 0;
}

function secondByteOk(lead: number, b: number): boolean {
  if (lead === 0xe0) return b >= 0xa0;
  if (lead === 0xed) return b < 0xa0;
  if (lead === 0xf0) return b >= 0x90;
  if (lead === 0xf4) return b < 0x90;
  return true;
}

function isCont(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

/** Letters only; a one-letter token followed by an apostrophe is an elision (s', l'). */
function followingToken(line: string, at: number): { length: number; elided: boolean } {
  let j = at;
  while (j < line.length && RE_LETTER.test(line[j])) j++;
  return { length: j - at, elided: j < line.length && (line[j] === "'" || line[j] === '’') };
}

/**
 * Set when readSequence decodes a sequence by a guess: a line on which the search with guesses
 * met none gets the same repair without them, so that second search can be skipped.
 */
let guessDecoded = false;

/**
 * Where a sequence can start in a line (isLeadAt, as nextMojibakeCandidate finds them), and the
 * code pages the characters there are a lead byte in, one bit each (LEAD_CODECS), or'ed in `codecs`.
 */
export interface LeadOffsets {
  offsets: number[];
  codecs: number;
  /** Where the line has a character at or above U+00A0 (what unexplainedWeight counts). */
  upper: number[];
}

export function leadOffsets(line: string): LeadOffsets {
  const offsets: number[] = [];
  const upper: number[] = [];
  let codecs = 0;
  // Runs of non-ASCII code units found by a regex search, as in nextMojibakeCandidate: ASCII
  // never counts here, and judged lines are mostly ASCII.
  LEAD_NON_ASCII.lastIndex = 0;
  while (LEAD_NON_ASCII.test(line)) {
    let i = LEAD_NON_ASCII.lastIndex - 1;
    for (; i < line.length; i++) {
      const code = line.charCodeAt(i);
      if (code < 0x80) break;
      if (isLeadAt(line, i, code)) {
        offsets.push(i);
        codecs |= LEAD_CODECS[code];
      }
      if (code >= 0xa0) upper.push(i);
    }
    LEAD_NON_ASCII.lastIndex = i;
  }
  return { offsets, codecs, upper };
}

const LEAD_NON_ASCII = /[^\x00-\x7f]/g;

/**
 * The sequences a code page finds in the line, adjacent ones joined into clusters as they are
 * found (a sequence object is read at once and never kept).
 */
function findClusters(line: string, leads: LeadOffsets, codecIndex: number, allowGuesses: boolean): Cluster[] {
  const out: Cluster[] = [];
  const bit = 1 << codecIndex;
  if ((leads.codecs & bit) === 0) return out;
  const byteOf = LATIN_CODECS[codecIndex].byteOf;
  let last: Cluster | undefined;
  for (const i of leads.offsets) {
    if (last && i < last.end) continue; // inside the sequence found last
    const code = line.charCodeAt(i);
    if ((LEAD_CODECS[code] & bit) === 0) continue;
    const lead = byteOf[code];
    const s = readSequence(line, byteOf, i, lead, continuationCount(lead), allowGuesses);
    if (!s) continue;
    if (last && last.end === s.start) {
      last.end = s.end;
      last.text += s.text;
      last.guess ||= s.guess;
      last.bytes += s.bytes;
      last.evidence += sequenceEvidence(s);
    } else {
      last = { start: s.start, end: s.end, text: s.text, guess: s.guess, bytes: s.bytes, evidence: sequenceEvidence(s), before: 0, gain: 0, after: 0 };
      out.push(last);
    }
  }
  return out;
}

const byteAt = (line: string, byteOf: Int16Array, j: number) => (j < line.length ? byteOf[line.charCodeAt(j)] : -1);

function readSequence(line: string, byteOf: Int16Array, i: number, lead: number, n: number, allowGuesses: boolean): Sequence | undefined {
  // CESU-8: a surrogate pair written as two three-byte sequences.
  if (lead === 0xed) {
    const b1 = byteAt(line, byteOf, i + 1);
    const b2 = byteAt(line, byteOf, i + 2);
    const b3 = byteAt(line, byteOf, i + 3);
    const b4 = byteAt(line, byteOf, i + 4);
    const b5 = byteAt(line, byteOf, i + 5);
    if (b1 >= 0xa0 && b1 <= 0xaf && isCont(b2) && b3 === 0xed && b4 >= 0xb0 && b4 <= 0xbf && isCont(b5)) {
      const hi = 0xd000 | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      const lo = 0xd000 | ((b4 & 0x3f) << 6) | (b5 & 0x3f);
      return { start: i, end: i + 6, text: String.fromCharCode(hi, lo), guess: false, bytes: 6 };
    }
  }
  // The code point is assembled as the bytes are read (six bits per continuation byte).
  let cp = lead & (n === 1 ? 0x1f : n === 2 ? 0x0f : 0x07);
  let lost = false;
  let spaceAt = -1;
  for (let k = 1; k <= n; k++) {
    const j = i + k;
    if (j >= line.length) return undefined;
    let b = byteOf[line.charCodeAt(j)];
    const ch = line[j];
    if (isCont(b) && (k > 1 || secondByteOk(lead, b))) {
      cp = (cp << 6) | (b & 0x3f);
      continue;
    }
    if (!allowGuesses) return undefined;
    if (ch === '\ufffd' || (ch === '?' && k >= 2 && !lost)) {
      // A byte the first decoder could not show: the character is lost, but the bytes are accounted for.
      lost = true;
      cp = cp << 6;
      continue;
    }
    if (ch === ' ' && (k > 1 || secondByteOk(lead, 0xa0)) && spaceAt < 0) {
      // A no-break space (0xA0) that later became an ordinary space.
      b = 0xa0;
      spaceAt = j;
      cp = (cp << 6) | (b & 0x3f);
      continue;
    }
    return undefined;
  }
  // The bytes were checked above (no overlong form, no surrogate, nothing past U+10FFFF),
  // so they decode to this one code point (U+FFFD only if it was encoded).
  let text = lost ? '\ufffd' : String.fromCodePoint(cp);
  let end = i + n + 1;
  if (spaceAt === end - 1 && text !== '\u00a0') {
    // The space that stood for 0xA0 ended the sequence. If text follows directly, the
    // page had a space there too (spaces often get merged), unless what follows is a
    // lone letter, which reads as the rest of this word (às) rather than a word.
    const next = line[end];
    if (next === ' ') end++;
    else if (next !== undefined && RE_LOWER.test(text)) {
      const token = followingToken(line, end);
      if (!(token.length === 1 && !token.elided)) text += ' ';
    }
    if (next === ' ') text += ' ';
  }
  const guess = lost || spaceAt >= 0;
  if (guess) guessDecoded = true;
  return { start: i, end, text, guess, bytes: n + 1 };
}

// ---------------------------------------------------------------------------
// Deciding.

export interface Cluster {
  start: number;
  end: number;
  text: string;
  guess: boolean;
  bytes: number;
  /** What the valid UTF-8 of its sequences proves by itself (sequenceEvidence, summed). */
  evidence: number;
  /** Weirdness of the cluster as it stands, in its context (the decoded neighbours'). */
  before: number;
  gain: number;
  /** Weirdness of the decoded cluster in its context. */
  after: number;
}

const CONTEXT = 3;
/** Total gain a code page needs on a line before any of its repairs are believed. */
const LINE_THRESHOLD = 1.5;

export interface LayerChoice {
  codec: LatinCodec;
  clusters: Cluster[];
  gain: number;
}

/**
 * Valid UTF-8 hidden in a code page's characters is itself evidence, the more bytes
 * the stronger: two bytes happen by chance in real text (é…), three or four hardly ever.
 */
function sequenceEvidence(s: Sequence): number {
  if (s.guess) return 0; // its bytes are partly assumed, so they prove nothing
  return s.bytes <= 2 ? 0.5 : s.bytes === 3 ? 1.5 : 2;
}

// The line with every cluster decoded is never built: the few code units on either side of a
// cluster are read from the line and the neighbouring clusters' text.

/** The CONTEXT code units of the decoded line before cluster k. */
function leftContext(line: string, clusters: readonly Cluster[], k: number): string {
  let s = '';
  let at = clusters[k].start;
  for (let j = k - 1; ; j--) {
    const from = j >= 0 ? clusters[j].end : 0;
    s = line.slice(Math.max(from, at - (CONTEXT - s.length)), at) + s;
    if (s.length >= CONTEXT || j < 0) return s;
    const text = clusters[j].text;
    s = text.slice(Math.max(0, text.length - (CONTEXT - s.length))) + s;
    if (s.length >= CONTEXT) return s;
    at = clusters[j].start;
  }
}

/** The CONTEXT code units of the decoded line after cluster k. */
function rightContext(line: string, clusters: readonly Cluster[], k: number): string {
  let s = '';
  let at = clusters[k].end;
  for (let j = k + 1; ; j++) {
    const to = j < clusters.length ? clusters[j].start : line.length;
    s += line.slice(at, Math.min(to, at + (CONTEXT - s.length)));
    if (s.length >= CONTEXT || j >= clusters.length) return s;
    s += clusters[j].text.slice(0, CONTEXT - s.length);
    if (s.length >= CONTEXT) return s;
    at = clusters[j].end;
  }
}

/** Each cluster's weirdness decoded, and its gain (its `before` already set). */
function scoreClusters(line: string, clusters: Cluster[]): Cluster[] {
  // Each cluster is judged with its neighbours already decoded, so two damaged words
  // side by side do not make each other look normal.
  for (let k = 0; k < clusters.length; k++) {
    const c = clusters[k];
    c.after = weirdness(leftContext(line, clusters, k) + c.text + rightContext(line, clusters, k));
    c.gain = c.before - c.after + c.evidence;
  }
  return clusters;
}

/**
 * Characters of the code page's upper half standing outside every repaired sequence: had
 * the whole line been mis-decoded, they could not exist on their own. Signs weigh 1,
 * letters 0.5 (accented letters do survive in half-repaired text); C1 controls do not
 * count, they are the Latin-1 side of the same accident.
 */
function unexplainedWeight(line: string, upper: readonly number[], codec: LatinCodec, clusters: Cluster[]): number {
  let weight = 0;
  let k = 0;
  for (const i of upper) {
    const code = line.charCodeAt(i);
    if (codec.byteOf[code] < 0) continue;
    while (k < clusters.length && clusters[k].end <= i) k++;
    if (k < clusters.length && clusters[k].start <= i) continue;
    weight += propsOf(code) & LETTER ? 0.5 : 1;
  }
  return weight;
}

/**
 * The code page to undo on a line, and its clusters. Tests compare: `prune` false scores every
 * code page, and `observe` sees each scored code page's bound and total.
 */
export function chooseLayer(line: string, allowGuesses: boolean, prune = true, observe?: (bound: number, total: number) => void): LayerChoice | undefined {
  let best: LayerChoice | undefined;
  const leads = leadOffsets(line);
  if (leads.codecs === 0) return undefined;
  for (let index = 0; index < LATIN_CODECS.length; index++) {
    const codec = LATIN_CODECS[index];
    const clusters = findClusters(line, leads, index, allowGuesses);
    if (clusters.length === 0) continue;
    // A code page whose sequences, all of them, leave as much of the line unexplained as the
    // test below allows for its sure clusters (at most every cluster without a guess) fails that
    // test whatever the scores: fewer clusters kept leave more unexplained. It is not scored
    // (the scoring is most of judging a line, and the wrong code pages find sequences too).
    let unguessed = 0;
    for (const c of clusters) if (!c.guess) unguessed++;
    if (prune && unexplainedWeight(line, leads.upper, codec, clusters) >= Math.max(1, unguessed)) continue;
    // Each cluster's weirdness before decoding bounds what it can gain (decoded it scores 0 or
    // more): a code page that could not reach the threshold, or beat the best so far, even if
    // every cluster came out clean, is not scored decoded. (The points are multiples of 1/4,
    // so these sums are exact.)
    let bound = -codec.prior;
    for (let k = 0; k < clusters.length; k++) {
      const c = clusters[k];
      c.before = weirdness(leftContext(line, clusters, k) + line.slice(c.start, c.end) + rightContext(line, clusters, k));
      bound += Math.max(0, c.before + c.evidence);
    }
    if (prune && (bound < LINE_THRESHOLD || (best && bound <= best.gain))) continue;
    scoreClusters(line, clusters);
    // The sure clusters: no guess in them, and less weird decoded.
    let sure = 0;
    let total = -codec.prior;
    for (const c of clusters) {
      if (c.guess || c.gain <= 0) continue;
      sure++;
      total += c.gain;
    }
    if (sure === 0) {
      // Only guesses (lost bytes, spaces standing for no-break spaces): each must restore
      // a letter into a clean context, and the code page's rarity is paid twice.
      total -= codec.prior;
      for (const c of clusters) if (c.gain > 0 && c.after === 0 && /[\p{L}\ufffd]/u.test(c.text)) total += c.gain;
    }
    observe?.(bound, total);
    if (total < LINE_THRESHOLD) continue;
    // The code page is believed for this line: keep every cluster that gets less weird,
    // and those that come out clean without getting weirder.
    const kept = clusters.filter((c) => c.gain > 0 || (c.gain === 0 && c.after === 0));
    if (unexplainedWeight(line, leads.upper, codec, kept) >= Math.max(1, sure)) continue;
    if (!best || total > best.gain) best = { codec, clusters: kept, gain: total };
  }
  return best;
}

/** What the regex class \\s matches, by code unit. */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return SPACE.test(String.fromCharCode(code));
}
const SPACE = /\s/;

/** A stretch of a line being repaired: characters kept from the original line, or made by a repair. */
interface Piece {
  length: number;
  dirty: boolean;
  /** Kept: the original offset of its first character. Made: the original offset its repair started at. */
  origin: number;
}

/**
 * A line being repaired, with where each of its characters came from in the original line,
 * so the repairs can be reported as edits on the original without diffing. Kept as stretches
 * (a long line with a few repairs is a few of them), not as bookkeeping per character, which
 * was much of repairing a long line.
 */
export class TrackedText {
  private pieces: Piece[];
  /** The original line's length: the boundary after the last character. */
  private readonly end: number;

  constructor(public text: string) {
    this.pieces = text.length > 0 ? [{ length: text.length, dirty: false, origin: 0 }] : [];
    this.end = text.length;
  }

  /** Replaces sorted, non-overlapping ranges of the current text. */
  replace(ranges: readonly { start: number; end: number; text: string }[]): void {
    const old = this.pieces;
    const pieces: Piece[] = [];
    let text = '';
    // The old piece p starts at pStart (old pieces wholly before `at` have been passed).
    let p = 0;
    let pStart = 0;
    let at = 0;
    for (let r = 0; ; r++) {
      const range = r < ranges.length ? ranges[r] : undefined;
      const to = range ? range.start : this.text.length;
      text += this.text.slice(at, to);
      // The kept characters before the range keep their origin.
      while (at < to) {
        while (pStart + old[p].length <= at) pStart += old[p++].length;
        const piece = old[p];
        const until = Math.min(to, pStart + piece.length);
        const origin = piece.dirty ? piece.origin : piece.origin + (at - pStart);
        const last = pieces[pieces.length - 1];
        if (last !== undefined && !last.dirty && !piece.dirty && last.origin + last.length === origin) last.length += until - at;
        else pieces.push({ length: until - at, dirty: piece.dirty, origin });
        at = until;
      }
      if (!range) break;
      // The new ones all come from where the range starts.
      while (p < old.length && pStart + old[p].length <= range.start) pStart += old[p++].length;
      const origin = p >= old.length ? this.end : old[p].dirty ? old[p].origin : old[p].origin + (range.start - pStart);
      if (range.text.length > 0) pieces.push({ length: range.text.length, dirty: true, origin });
      text += range.text;
      at = range.end;
    }
    this.text = text;
    this.pieces = pieces;
  }

  /**
   * The repairs as edits on the original line: runs of repaired characters, merged when only
   * non-space characters separate them (one damaged word, one edit).
   */
  edits(original: string): { start: number; end: number; text: string }[] {
    const out: { start: number; end: number; text: string }[] = [];
    const pieces = this.pieces;
    const n = pieces.length;
    let idx = 0;
    let pos = 0;
    while (idx < n) {
      if (!pieces[idx].dirty) {
        pos += pieces[idx++].length;
        continue;
      }
      const i = pos;
      let start = pieces[idx].origin;
      let j: number;
      for (;;) {
        while (idx < n && pieces[idx].dirty) pos += pieces[idx++].length;
        j = pos;
        if (idx >= n) break;
        // The kept characters after the run, up to a space or the next repaired character.
        let k = j;
        let g = idx;
        for (; g < n && !pieces[g].dirty; g++) {
          const until = k + pieces[g].length;
          while (k < until && !isSpace(this.text.charCodeAt(k))) k++;
          if (k < until) break;
        }
        if (g < n && pieces[g].dirty && k > j) {
          pos = k;
          idx = g;
        } else break;
      }
      let end = idx < n ? pieces[idx].origin : this.end;
      let text = this.text.slice(i, j);
      // A repair that kept a character unchanged at either end is trimmed to what really changed.
      // (Never down to a bare deletion: `Ä�` → `�` reads better than deleting `Ä`.)
      while (text.length > 1 && end - start > 1 && text[0] === original[start]) { text = text.slice(1); start++; }
      while (text.length > 1 && end - start > 1 && text[text.length - 1] === original[end - 1]) { text = text.slice(0, -1); end--; }
      if (start < end || text) out.push({ start, end, text });
    }
    return out;
  }
}

export interface LineRepair {
  text: string;
  /** The repairs as edits on the original line, one per damaged word. */
  edits: { start: number; end: number; text: string }[];
  /** Code pages undone, outermost first. */
  codecs: string[];
  weirdnessBefore: number;
  weirdnessAfter: number;
  /**
   * The repaired text would not be repaired again (with the same allowGuesses): the last layer
   * was tried on it and found nothing, and no lone C1 control was read after it, so the first
   * layer of its own repair would be that same search.
   */
  settled: boolean;
}

const MAX_LAYERS = 4;

/** What Windows-1252 shows for each byte 0x80-0x9F, '' for the five it leaves undefined. */
const WIN1252_C1 = Array.from({ length: 32 }, (_, i) => {
  const decoded = iconv.decode(Buffer.from([0x80 + i]), 'windows-1252');
  return decoded === '\ufffd' ? '' : decoded;
});

const C1 = /[\u0080-\u009f]/;

/** C1 controls left standing alone, read as the Windows-1252 characters they encode. */
function loneC1Repairs(line: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  if (!C1.test(line)) return out;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code >= 0x80 && code <= 0x9f && WIN1252_C1[code - 0x80]) out.push({ start: i, end: i + 1, text: WIN1252_C1[code - 0x80] });
  }
  return out;
}

/**
 * The offset of the first character at or after `from` that could start a repair: a C1
 * control, or a place where a sequence can start (isLeadAt). -1 when there is none: then no
 * layer can repair anything. Line breaks never continue a sequence, so on a whole text this
 * finds exactly what it finds line by line.
 */
export function nextMojibakeCandidate(text: string, from = 0): number {
  NON_ASCII.lastIndex = from;
  while (NON_ASCII.test(text)) {
    let i = NON_ASCII.lastIndex - 1;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) break;
      if (code <= 0x9f || isLeadAt(text, i, code)) return i;
    }
    NON_ASCII.lastIndex = i;
  }
  return -1;
}

/**
 * Whether any code page could find a UTF-8 sequence in the text, or a C1 control is there to
 * read: without either, no layer can repair anything. isLeadAt accepts every place a sequence
 * starts, so this is a superset test, and it lets the weirdness scoring run only on lines that
 * can change (most lines of any text cannot).
 */
export function mayHoldMojibake(line: string): boolean {
  return nextMojibakeCandidate(line) >= 0;
}

/**
 * The repaired text of one line, or undefined when it does not look like Latin mojibake.
 * `allowGuesses` also decodes sequences with a lost byte (to U+FFFD) or with a space
 * standing for a lost no-break space.
 */
export function repairLatinMojibakeLine(line: string, allowGuesses = true): LineRepair | undefined {
  if (!mayHoldMojibake(line)) return undefined;
  return repairLine(line, allowGuesses);
}

/**
 * A line's repair with guesses and without (the unsafe and the safe fix), as
 * repairLatinMojibakeLine(line, true) and (line, false) give them; `sure` is undefined when only
 * guesses repair it. The whole result is undefined when the line needs no repair.
 */
export function repairLatinMojibakeLineBothWays(line: string): { full: LineRepair; sure: LineRepair | undefined } | undefined {
  // No mayHoldMojibake test: the rule asks only about lines that hold a candidate, and on any
  // other line no layer finds a sequence, so the answer is the same.
  guessDecoded = false;
  const full = repairLine(line, true);
  if (!full) return undefined;
  // Without a single sequence decoded by a guess, the search without guesses finds the same
  // sequences at every layer in every code page, and so makes the same repair.
  return { full, sure: guessDecoded ? repairLine(line, false) : full };
}

function repairLine(line: string, allowGuesses: boolean): LineRepair | undefined {
  let tracked: TrackedText | undefined;
  const codecs: string[] = [];
  // Whether a layer found nothing more (rather than the layers running out).
  let layersDone = false;
  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    const choice = chooseLayer(tracked?.text ?? line, allowGuesses);
    if (!choice || choice.clusters.length === 0) {
      layersDone = true;
      break;
    }
    tracked ??= new TrackedText(line);
    tracked.replace(choice.clusters);
    codecs.push(choice.codec.label);
  }
  // Only C1 controls no layer could use are left now.
  const lone = loneC1Repairs(tracked?.text ?? line);
  if (lone.length) {
    tracked ??= new TrackedText(line);
    tracked.replace(lone);
    if (!codecs.includes(WIN1252.label)) codecs.push('Windows-1252 (C1 controls)');
  }
  if (!tracked) return undefined;
  const text = tracked.text;
  if (text === line) return undefined;
  const weirdnessBefore = weirdness(line);
  const weirdnessAfter = weirdness(text);
  // The whole line must come out clearly less weird, or the partial repairs were noise.
  if (weirdnessAfter > weirdnessBefore * 0.5) return undefined;
  return { text, edits: tracked.edits(line), codecs, weirdnessBefore, weirdnessAfter, settled: layersDone && lone.length === 0 };
}
