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
  return { label, iconvName, prior, sloppy, toByte };
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
// Letter/case of BMP code points, looked up once each: the weirdness measure asks about every
// character and its neighbours, and a Unicode property regex per question dominated its cost.
const KNOWN = 1;
const LETTER = 2;
const UPPER = 4;
const LOWER = 8;
const bmpFlags = new Uint8Array(0x10000);
function flagsOf(cp: number): number {
  if (cp < 0) return 0;
  if (cp > 0xffff) {
    const ch = String.fromCodePoint(cp);
    return (RE_LETTER.test(ch) ? LETTER : 0) | (RE_UPPER.test(ch) ? UPPER : 0) | (RE_LOWER.test(ch) ? LOWER : 0);
  }
  let f = bmpFlags[cp];
  if (f === 0) {
    const ch = String.fromCharCode(cp);
    f = KNOWN | (RE_LETTER.test(ch) ? LETTER : 0) | (RE_UPPER.test(ch) ? UPPER : 0) | (RE_LOWER.test(ch) ? LOWER : 0);
    bmpFlags[cp] = f;
  }
  return f;
}
const isLetter = (cp: number) => (flagsOf(cp) & LETTER) !== 0;
const isUpper = (cp: number) => (flagsOf(cp) & UPPER) !== 0;
const isLower = (cp: number) => (flagsOf(cp) & LOWER) !== 0;
/** A sign a continuation byte turns into (the no-break space included). */
const isMojibakeSign = (cp: number) => cp === 0xa0 || CONTINUATION_SIGNS.has(cp);
/** How odd a mojibake sign is right after a letter: 0 (a closing quote), 1 or 2 (¢, ¥, €, “). */
function oddAfterLetter(cp: number): number {
  if (isC1(cp)) return 2;
  if (!isMojibakeSign(cp)) return 0;
  const ch = String.fromCodePoint(cp);
  return FOLLOWS_LETTERS_OFTEN.has(ch) ? 0 : FOLLOWS_LETTERS_SOMETIMES.has(ch) ? 1 : 2;
}
const isRareSign = (cp: number) => oddAfterLetter(cp) === 2;
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

const IDEOGRAPHIC = new Set(['CJ', 'Hangul']);
/** Letters of two scripts touching: Latin next to Han or Hangul is stranger than next to Greek. */
function mixCost(a: string, b: string, oneIsAscii: boolean): number {
  if (IDEOGRAPHIC.has(a) !== IDEOGRAPHIC.has(b)) return 2;
  return oneIsAscii ? 1 : 2;
}

/**
 * How weird a piece of text looks, in points. Own measure: every point is a local
 * pattern that ordinary text rarely has but mojibake has all the time.
 */
function codePoints(text: string): number[] {
  const cps: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    cps.push(cp);
    if (cp > 0xffff) i++;
  }
  return cps;
}

export function weirdness(text: string): number {
  const cps = codePoints(text);
  let score = 0;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const p = i > 0 ? cps[i - 1] : -1;
    const pp = i > 1 ? cps[i - 2] : -1;
    const n = i + 1 < cps.length ? cps[i + 1] : -1;
    if (c < 0x80) continue;
    if (isC1(c)) { score += 3; continue; }
    if (isRareLetter(c)) score += 2;
    const letter = isLetter(c);
    const script = scriptOf(c);
    if (letter) {
      // An accented capital followed by a sign: Ã©, Â£, Ã¢, Å“ ...
      if (isUpper(c) && script === 'Latin' && n >= 0 && (isMojibakeSign(n) || isC1(n))) score += [0.5, 1, 2][oddAfterLetter(n)];
      // Any other non-ASCII letter followed by a sign: â€, п¬, â™ ...
      else if (n >= 0) score += [0, 0.5, 1.5][oddAfterLetter(n)];
      // Two capitals then a small letter, as in ÄŒe, ÄÆd.
      if (isUpper(c) && isUpper(p) && isLower(n)) score += 1;
      // A case flip inside a word: voilÃ, rÃ©, РґРѕ.
      if (isUpper(c) && isLower(p)) score += 1.5;
      // A lowercase letter ending an all-capitals word: AHř.
      if (isLower(c) && isUpper(p) && isUpper(pp)) score += 1.5;
    }
    if (script !== null && n >= 0) {
      const ns = scriptOf(n);
      if (ns !== null && ns !== script) score += mixCost(script, ns, n < 0x80);
    }
    if (script !== null && p >= 0 && p < 0x80) {
      const ps = scriptOf(p);
      if (ps !== null && ps !== script) score += mixCost(script, ps, true);
    }
    if (script !== null && letter && ALPHABETS_RARELY_ALONE.has(script)) {
      const alone = (q: number) => q < 0 || (scriptOf(q) !== script && !RE_MARK.test(String.fromCodePoint(q)));
      if (alone(p) && alone(n)) score += 1;
    }
    // A sign glued inside a word: rÃ©gime, g√¢teaux.
    if (isMojibakeSign(c) && c !== 0x2019 && c !== 0x2018 && c !== 0xb7 && isLetter(p) && isLetter(n)) score += isRareSign(c) ? 2 : 1.5;
    // Box drawing or a math operator glued to a word: after a letter is odder than
    // before one (√π is mathematics, m√≤ is not).
    if (isGraphic(c)) score += (isLetter(p) ? 1.5 : 0) + (isLetter(n) ? 0.75 : 0);
  }
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

const isCont = (b: number) => b >= 0x80 && b <= 0xbf;

/** Letters only; a one-letter token followed by an apostrophe is an elision (s', l'). */
function followingToken(line: string, at: number): { length: number; elided: boolean } {
  let j = at;
  while (j < line.length && RE_LETTER.test(line[j])) j++;
  return { length: j - at, elided: j < line.length && (line[j] === "'" || line[j] === '’') };
}

function findSequences(line: string, codec: LatinCodec, allowGuesses: boolean): Sequence[] {
  const bytes: number[] = new Array(line.length);
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    bytes[i] = code < 0x80 ? code : codec.toByte.get(code) ?? -1;
  }
  const out: Sequence[] = [];
  let i = 0;
  while (i < line.length) {
    const lead = bytes[i];
    const n = continuationCount(lead);
    const seq = n ? readSequence(line, bytes, i, lead, n, allowGuesses) : undefined;
    if (seq) {
      out.push(seq);
      i = seq.end;
    } else i++;
  }
  return out;
}

function readSequence(line: string, bytes: number[], i: number, lead: number, n: number, allowGuesses: boolean): Sequence | undefined {
  // CESU-8: a surrogate pair written as two three-byte sequences.
  if (lead === 0xed && bytes[i + 1] >= 0xa0 && bytes[i + 1] <= 0xaf && isCont(bytes[i + 2]) &&
      bytes[i + 3] === 0xed && bytes[i + 4] >= 0xb0 && bytes[i + 4] <= 0xbf && isCont(bytes[i + 5])) {
    const hi = 0xd000 | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
    const lo = 0xd000 | ((bytes[i + 4] & 0x3f) << 6) | (bytes[i + 5] & 0x3f);
    return { start: i, end: i + 6, text: String.fromCharCode(hi, lo), guess: false, bytes: 6 };
  }
  const got: number[] = [lead];
  let lost = false;
  let spaceAt = -1;
  for (let k = 1; k <= n; k++) {
    const j = i + k;
    if (j >= line.length) return undefined;
    let b = bytes[j];
    const ch = line[j];
    if (isCont(b) && (k > 1 || secondByteOk(lead, b))) {
      got.push(b);
      continue;
    }
    if (!allowGuesses) return undefined;
    if (ch === '\ufffd' || (ch === '?' && k >= 2 && !lost)) {
      // A byte the first decoder could not show: the character is lost, but the bytes are accounted for.
      lost = true;
      got.push(0x80);
      continue;
    }
    if (ch === ' ' && (k > 1 || secondByteOk(lead, 0xa0)) && spaceAt < 0) {
      // A no-break space (0xA0) that later became an ordinary space.
      b = 0xa0;
      spaceAt = j;
      got.push(b);
      continue;
    }
    return undefined;
  }
  // The bytes were checked above, so this decodes without loss (U+FFFD only if it was encoded).
  let text = lost ? '\ufffd' : Buffer.from(got).toString('utf8');
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
  return { start: i, end, text, guess: lost || spaceAt >= 0, bytes: n + 1 };
}

// ---------------------------------------------------------------------------
// Deciding.

interface Cluster {
  start: number;
  end: number;
  text: string;
  guess: boolean;
  bytes: number;
  gain: number;
  /** Weirdness of the decoded cluster in its context. */
  after: number;
}

const CONTEXT = 3;
/** Total gain a code page needs on a line before any of its repairs are believed. */
const LINE_THRESHOLD = 1.5;

function clustersOf(seqs: Sequence[]): Cluster[] {
  const out: Cluster[] = [];
  for (const s of seqs) {
    const last = out[out.length - 1];
    if (last && last.end === s.start) {
      last.end = s.end;
      last.text += s.text;
      last.guess ||= s.guess;
      last.bytes += s.bytes;
    } else out.push({ start: s.start, end: s.end, text: s.text, guess: s.guess, bytes: s.bytes, gain: 0, after: 0 });
  }
  return out;
}

interface LayerChoice {
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

export function clustersFor(line: string, codec: LatinCodec, allowGuesses: boolean): Cluster[] {
  const seqs = findSequences(line, codec, allowGuesses);
  const clusters = clustersOf(seqs);
  const evidence = new Map<Cluster, number>();
  let k = 0;
  for (const s of seqs) {
    while (clusters[k].end < s.end) k++;
    evidence.set(clusters[k], (evidence.get(clusters[k]) ?? 0) + sequenceEvidence(s));
  }
  // Each cluster is judged with its neighbours already decoded, so two damaged words
  // side by side do not make each other look normal.
  let decoded = '';
  let at = 0;
  const positions: [number, number][] = [];
  for (const c of clusters) {
    decoded += line.slice(at, c.start);
    positions.push([decoded.length, decoded.length + c.text.length]);
    decoded += c.text;
    at = c.end;
  }
  decoded += line.slice(at);
  clusters.forEach((c, k) => {
    const [ds, de] = positions[k];
    const left = decoded.slice(Math.max(0, ds - CONTEXT), ds);
    const right = decoded.slice(de, de + CONTEXT);
    const before = weirdness(left + line.slice(c.start, c.end) + right);
    c.after = weirdness(left + c.text + right);
    c.gain = before - c.after + evidence.get(c)!;
  });
  return clusters;
}

/**
 * Characters of the code page's upper half standing outside every repaired sequence: had
 * the whole line been mis-decoded, they could not exist on their own. Signs weigh 1,
 * letters 0.5 (accented letters do survive in half-repaired text); C1 controls do not
 * count, they are the Latin-1 side of the same accident.
 */
function unexplainedWeight(line: string, codec: LatinCodec, clusters: Cluster[]): number {
  let weight = 0;
  let k = 0;
  for (let i = 0; i < line.length; i++) {
    while (k < clusters.length && clusters[k].end <= i) k++;
    if (k < clusters.length && clusters[k].start <= i) continue;
    const code = line.charCodeAt(i);
    if (code < 0xa0 || !codec.toByte.has(code)) continue;
    weight += RE_LETTER.test(line[i]) ? 0.5 : 1;
  }
  return weight;
}

function chooseLayer(line: string, allowGuesses: boolean): LayerChoice | undefined {
  let best: LayerChoice | undefined;
  for (const codec of LATIN_CODECS) {
    const clusters = clustersFor(line, codec, allowGuesses);
    if (clusters.length === 0) continue;
    const sure = clusters.filter((c) => !c.guess && c.gain > 0);
    let total = -codec.prior;
    if (sure.length) for (const c of sure) total += c.gain;
    else {
      // Only guesses (lost bytes, spaces standing for no-break spaces): each must restore
      // a letter into a clean context, and the code page's rarity is paid twice.
      total -= codec.prior;
      for (const c of clusters) if (c.gain > 0 && c.after === 0 && /[\p{L}\ufffd]/u.test(c.text)) total += c.gain;
    }
    if (total < LINE_THRESHOLD) continue;
    // The code page is believed for this line: keep every cluster that gets less weird,
    // and those that come out clean without getting weirder.
    const kept = clusters.filter((c) => c.gain > 0 || (c.gain === 0 && c.after === 0));
    if (unexplainedWeight(line, codec, kept) >= Math.max(1, sure.length)) continue;
    if (!best || total > best.gain) best = { codec, clusters: kept, gain: total };
  }
  return best;
}

/**
 * A line being repaired, with where each of its characters came from in the original line,
 * so the repairs can be reported as edits on the original without diffing.
 */
class TrackedText {
  /** Original offset of the boundary before each character (and after the last). */
  private bounds: number[];
  /** Whether a character was produced by a repair. */
  private dirty: boolean[];

  constructor(public text: string) {
    this.bounds = new Array(text.length + 1);
    for (let i = 0; i <= text.length; i++) this.bounds[i] = i;
    this.dirty = new Array(text.length).fill(false);
  }

  /** Replaces sorted, non-overlapping ranges of the current text. */
  replace(ranges: readonly { start: number; end: number; text: string }[]): void {
    let text = '';
    const bounds: number[] = [];
    const dirty: boolean[] = [];
    let at = 0;
    const keep = (to: number) => {
      text += this.text.slice(at, to);
      for (let i = at; i < to; i++) {
        bounds.push(this.bounds[i]);
        dirty.push(this.dirty[i]);
      }
    };
    for (const r of ranges) {
      keep(r.start);
      text += r.text;
      for (let i = 0; i < r.text.length; i++) {
        bounds.push(this.bounds[r.start]);
        dirty.push(true);
      }
      at = r.end;
    }
    keep(this.text.length);
    bounds.push(this.bounds[this.text.length]);
    this.text = text;
    this.bounds = bounds;
    this.dirty = dirty;
  }

  /**
   * The repairs as edits on the original line: runs of repaired characters, merged when only
   * non-space characters separate them (one damaged word, one edit).
   */
  edits(original: string): { start: number; end: number; text: string }[] {
    const out: { start: number; end: number; text: string }[] = [];
    let i = 0;
    while (i < this.text.length) {
      if (!this.dirty[i]) { i++; continue; }
      let j = i;
      for (;;) {
        while (j < this.text.length && this.dirty[j]) j++;
        let k = j;
        while (k < this.text.length && !this.dirty[k] && !/\s/.test(this.text[k])) k++;
        if (k < this.text.length && this.dirty[k] && k > j) j = k;
        else break;
      }
      let start = this.bounds[i];
      let end = this.bounds[j];
      let text = this.text.slice(i, j);
      // A repair that kept a character unchanged at either end is trimmed to what really changed.
      // (Never down to a bare deletion: `Ä�` → `�` reads better than deleting `Ä`.)
      while (text.length > 1 && end - start > 1 && text[0] === original[start]) { text = text.slice(1); start++; }
      while (text.length > 1 && end - start > 1 && text[text.length - 1] === original[end - 1]) { text = text.slice(0, -1); end--; }
      if (start < end || text) out.push({ start, end, text });
      i = j;
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
}

const MAX_LAYERS = 4;

/** C1 controls left standing alone, read as the Windows-1252 characters they encode. */
function loneC1Repairs(line: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const m of line.matchAll(/[\u0080-\u009f]/g)) {
    const decoded = iconv.decode(Buffer.from([m[0].charCodeAt(0)]), 'windows-1252');
    if (decoded !== '\ufffd') out.push({ start: m.index!, end: m.index! + 1, text: decoded });
  }
  return out;
}

// By code unit (the test below meets every character of every line): characters that stand
// for a UTF-8 lead byte (0xC2-0xF4) in some code page, and those that can be the byte right
// after it: a continuation byte (0x80-0xBF) in some code page, or what a guess reads as one
// (U+FFFD for a lost byte, a space for a lost no-break space).
const IS_LEAD = new Uint8Array(0x10000);
const IS_SECOND = new Uint8Array(0x10000);
for (const codec of LATIN_CODECS) {
  for (const [cp, b] of codec.toByte) {
    if (continuationCount(b) > 0) IS_LEAD[cp] = 1;
    if (isCont(b)) IS_SECOND[cp] = 1;
  }
}
IS_SECOND[0xfffd] = 1;
IS_SECOND[0x20] = 1;

/**
 * Whether any code page could find a UTF-8 sequence in the text, or a C1 control is there to
 * read: without either, no layer can repair anything. Every sequence starts with a lead
 * character directly followed by a second one, so this is a superset test, and it lets the
 * weirdness scoring run only on lines that can change (most lines of any text cannot).
 */
export function mayHoldMojibake(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x80) continue;
    if (code <= 0x9f) return true;
    if (IS_LEAD[code] === 1 && i + 1 < line.length && IS_SECOND[line.charCodeAt(i + 1)] === 1) return true;
  }
  return false;
}

/**
 * The repaired text of one line, or undefined when it does not look like Latin mojibake.
 * `allowGuesses` also decodes sequences with a lost byte (to U+FFFD) or with a space
 * standing for a lost no-break space.
 */
export function repairLatinMojibakeLine(line: string, allowGuesses = true): LineRepair | undefined {
  if (!mayHoldMojibake(line)) return undefined;
  const weirdnessBefore = weirdness(line);
  const tracked = new TrackedText(line);
  const codecs: string[] = [];
  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    const choice = chooseLayer(tracked.text, allowGuesses);
    if (!choice || choice.clusters.length === 0) break;
    tracked.replace(choice.clusters);
    codecs.push(choice.codec.label);
  }
  // Only C1 controls no layer could use are left now.
  const lone = loneC1Repairs(tracked.text);
  if (lone.length) {
    tracked.replace(lone);
    if (!codecs.includes(WIN1252.label)) codecs.push('Windows-1252 (C1 controls)');
  }
  const text = tracked.text;
  if (text === line) return undefined;
  const weirdnessAfter = weirdness(text);
  // The whole line must come out clearly less weird, or the partial repairs were noise.
  if (weirdnessAfter > weirdnessBefore * 0.5) return undefined;
  return { text, edits: tracked.edits(line), codecs, weirdnessBefore, weirdnessAfter };
}
