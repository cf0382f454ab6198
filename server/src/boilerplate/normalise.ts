// The view of a line the boilerplate patterns read: one pattern set for Simplified,
// Traditional and converter-damaged text. Only whole-line decisions are taken on
// this view, so it need not keep offsets.
import * as OpenCC from 'opencc-js';
import { normaliseLine } from '../core/corpus';
import { converter, dictionaryEntries, openccConfig } from '../script/opencc';

// A Han character followed by a parenthesised pinyin reading, as a Traditional
// converter leaves it (`發(fā)布`): the reading is dropped for matching.
const PINYIN_ANNOTATION = /(\p{Script=Han})[(（][a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7}[)）]/gu;
const ENTITY = /[&?](?:middot|nbsp|amp|quot|lt|gt|ldquo|rdquo|hellip|mdash);/g;
const ENTITY_TEXT: Record<string, string> = {
  middot: '·', nbsp: ' ', amp: '&', quot: '"', lt: '<', gt: '>', ldquo: '“', rdquo: '”', hellip: '…', mdash: '—',
};

const cache = new Map<string, string>();
const CACHE_LIMIT = 20000;

/**
 * Simplified, NFKC-folded (full-width colon and parentheses become ASCII), pinyin
 * annotations and raw entities resolved, white space collapsed and trimmed.
 * Letters keep their case; use `.toLowerCase()` for English patterns.
 */
export function matchView(line: string): string {
  let view = cache.get(line);
  if (view !== undefined) return view;
  // Each replacement needs a character it starts or ends with.
  view = line.includes('(') || line.includes('（') ? line.replace(PINYIN_ANNOTATION, '$1') : line;
  if (view.includes(';')) view = view.replace(ENTITY, (m) => ENTITY_TEXT[m.slice(1, -1)] ?? m);
  view = toNfkc(view);
  view = toSimplified(view);
  if (!spacedOnce(view)) view = view.replace(/[\s\u00a0\u3000\ufeff\u200b]+/g, ' ').trim();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(line, view);
  return view;
}

let convertible: { bmp: Uint8Array; astral: Set<number> } | null | undefined;

/**
 * For each dictionary entry that changes something in opencc-js's Traditional-to-Simplified
 * conversion (what converter('t', 'cn') makes: the t2s configuration's normalisation and
 * conversion chains), the first character it changes: a text holding none of them
 * converts to itself. null when the dictionaries are not where this expects them.
 */
function convertibleCodePoints(): { bmp: Uint8Array; astral: Set<number> } | null {
  if (convertible !== undefined) return convertible;
  try {
    const bmp = new Uint8Array(0x10000);
    const astral = new Set<number>();
    const t2s = openccConfig('t2s')!;
    const dicts = [...(t2s.normalizationChain ?? []), ...(t2s.segmentation ?? []), ...t2s.conversionChain].flat(2);
    if (dicts.length === 0) return (convertible = null);
    for (const dict of dicts) {
      for (const [from, to] of dictionaryEntries(dict)) {
        if (from === to) continue;
        // A key that changes the text where it matches holds the first character it
        // changes: a text without that character is not changed by it.
        const a = [...from];
        const b = [...to];
        const witnesses = a.length === b.length ? [a[a.findIndex((ch, k) => ch !== b[k])]] : a;
        for (const ch of witnesses) {
          const cp = ch.codePointAt(0)!;
          if (cp > 0xffff) astral.add(cp);
          else bmp[cp] = 1;
        }
      }
    }
    return (convertible = { bmp, astral });
  } catch {
    return (convertible = null);
  }
}

/**
 * One stage of opencc-js's conversion (a trie of its dictionaries, applied by longest
 * match at each position), read into per-code-unit tables: what a character that starts
 * no longer key becomes, and which characters start longer keys (their matches are left
 * to the trie's own matchPrefix).
 */
interface Stage {
  trie: { matchPrefix(text: string, at: number): { end: number; value: string } | null };
  single: (string | undefined)[];
  longer: Uint8Array;
}

let stages: Stage[] | null | undefined;

/** The t2s configuration's normalisation and conversion stages, as converter('t', 'cn') applies them; null if it is not as expected. */
function t2sStages(): Stage[] | null {
  if (stages !== undefined) return stages;
  try {
    const t2s = openccConfig('t2s');
    if (!t2s || t2s.segmentation) return (stages = null);
    const Trie = (OpenCC as unknown as { Trie: new () => { map: Map<number, Map<number, unknown> & { trie_val?: string }>; loadDictGroup(g: unknown[]): void } }).Trie;
    stages = [...(t2s.normalizationChain ?? []), ...t2s.conversionChain].map((group) => {
      const trie = new Trie();
      trie.loadDictGroup(group);
      const single: (string | undefined)[] = new Array(0x10000);
      const longer = new Uint8Array(0x10000);
      for (const [cp, node] of trie.map) {
        if (cp > 0xffff) continue;
        single[cp] = node.trie_val;
        if (node.size > 0) longer[cp] = 1;
      }
      return { trie: trie as unknown as Stage['trie'], single, longer };
    });
    return stages;
  } catch {
    return (stages = null);
  }
}

/** One stage over a text of BMP characters outside the ideographic description block (undefined otherwise: then opencc-js runs). */
function applyStage(stage: Stage, text: string): string | undefined {
  let out = '';
  let copied = 0; // text[copied..i) is unchanged so far
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    // Astral characters and ideographic description sequences (read as units) take opencc-js's own path.
    if ((c >= 0xd800 && c <= 0xdfff) || (c >= 0x2ff0 && c <= 0x2fff)) return undefined;
    let value: string | undefined;
    let end = i + 1;
    if (stage.longer[c]) {
      // A match is one unit even when it changes nothing (乾坤 keeps 乾 from becoming 干).
      const m = stage.trie.matchPrefix(text, i);
      if (m) {
        end = m.end;
        if (m.value !== text.slice(i, end)) value = m.value;
      }
    } else {
      value = stage.single[c];
      // A character mapped to itself is no change.
      if (value !== undefined && value.length === 1 && value.charCodeAt(0) === c) value = undefined;
    }
    if (value !== undefined) {
      out += text.slice(copied, i) + value;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * converter('t', 'cn')(text): skipped when no character of the text is one a dictionary
 * entry changes, and otherwise done from tables (the same longest matches, without
 * opencc-js's per-character trie walk) unless the text holds astral characters or
 * ideographic description sequences.
 */
export function toSimplified(text: string): string {
  const points = convertibleCodePoints();
  if (!points) return converter('t', 'cn')(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        if (points.astral.has((c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000)) return converter('t', 'cn')(text);
        i++;
        continue;
      }
    }
    if (points.bmp[c]) return convertBmp(text);
  }
  return text;
}

function convertBmp(text: string): string {
  const all = t2sStages();
  let out: string | undefined = text;
  if (all) for (const stage of all) if (out !== undefined) out = applyStage(stage, out);
  return all && out !== undefined ? out : converter('t', 'cn')(text);
}

// What the line tests ask of a character, per BMP code unit, filled once from the
// regular expressions they stand for (so they agree with the engine's Unicode tables):
// a table lookup instead of a \p{...} regular expression (and the string it builds) per line.
const HAN = 1;
const LETTER_OR_DIGIT = 2;
/** What matchView folds to one space: \s, NBSP, the ideographic space, BOM and ZWSP. */
const SPACE = 4;
let bmp: Uint8Array | undefined;
let everyCodeUnit: string | undefined;

/** Every BMP code unit but the surrogates, in order. */
function allCodeUnits(): string {
  if (everyCodeUnit === undefined) {
    const chunks: string[] = [];
    for (let from = 0; from < 0x10000; from += 0x400) {
      if (from >= 0xd800 && from < 0xe000) continue; // surrogates are read in pairs
      const codes: number[] = [];
      for (let c = from; c < from + 0x400; c++) codes.push(c);
      chunks.push(String.fromCharCode(...codes));
    }
    everyCodeUnit = chunks.join('');
  }
  return everyCodeUnit;
}

function charTable(): Uint8Array {
  if (bmp) return bmp;
  const table = new Uint8Array(0x10000);
  const all = allCodeUnits();
  const mark = (others: RegExp, bit: number) => {
    const kept = all.replace(others, '');
    for (let i = 0; i < kept.length; i++) table[kept.charCodeAt(i)] |= bit;
  };
  mark(/\P{Script=Han}+/gu, HAN);
  mark(/[^\p{L}\p{N}]+/gu, LETTER_OR_DIGIT);
  mark(/[^\s\u00a0\u3000\ufeff\u200b]+/gu, SPACE);
  return (bmp = table);
}

/**
 * No white space but single ASCII spaces between other characters: what matchView's folding
 * of white space would leave as it is (most lines are so; the regex and trim cost a string each).
 */
function spacedOnce(s: string): boolean {
  const table = charTable();
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    if ((table[s.charCodeAt(i)] & SPACE) === 0) continue;
    if (s.charCodeAt(i) !== 0x20 || i === 0 || i === last || table[s.charCodeAt(i + 1)] & SPACE) return false;
  }
  return true;
}

// Per BMP code unit, how NFKC treats it on its own in text of such units only: STABLE kept,
// WIDE (U+FF01–U+FF5E, U+3000) folded to its ASCII form; anything else (0) goes to
// String.prototype.normalize. Only ASCII, CJK unified ideographs, CJK and general punctuation
// are candidates: none of them decomposes canonically or composes with a neighbour, so a text
// of them normalises unit by unit. Each is checked against normalize() when the table is made.
const NFKC_STABLE = 1;
const NFKC_WIDE = 2;
let nfkcTable: Uint8Array | undefined;

function nfkcKinds(): Uint8Array {
  if (nfkcTable) return nfkcTable;
  const table = new Uint8Array(0x10000);
  const candidates: [number, number][] = [[0x00, 0x7f], [0x4e00, 0x9fff], [0x3001, 0x301f], [0x2010, 0x2027], [0xb7, 0xb7], [0xd7, 0xd7]];
  for (const [from, to] of candidates) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      if (ch.normalize('NFKC') === ch) table[c] = NFKC_STABLE;
    }
  }
  for (let c = 0xff01; c <= 0xff5e; c++) if (String.fromCharCode(c).normalize('NFKC') === String.fromCharCode(c - 0xfee0)) table[c] = NFKC_WIDE;
  if ('\u3000'.normalize('NFKC') === ' ') table[0x3000] = NFKC_WIDE;
  return (nfkcTable = table);
}

/** s.normalize('NFKC'), without ICU for text of the units nfkcKinds knows (most lines of the seeds). */
export function toNfkc(s: string): string {
  const kinds = nfkcKinds();
  let wide = false;
  for (let i = 0; i < s.length; i++) {
    const kind = kinds[s.charCodeAt(i)];
    if (kind === 0) return s.normalize('NFKC');
    if (kind === NFKC_WIDE) wide = true;
  }
  if (!wide) return s;
  let out = '';
  let copied = 0; // s[copied..i) is unchanged so far
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (kinds[c] !== NFKC_WIDE) continue;
    out += s.slice(copied, i) + (c === 0x3000 ? ' ' : String.fromCharCode(c - 0xfee0));
    copied = i + 1;
  }
  return out + s.slice(copied);
}

const HAN_CHAR = /^\p{Script=Han}$/u;
const astralHan = new Map<number, boolean>();

/** An astral code point (a surrogate pair) of the Han script: rare, asked of the regular expression once each. */
function isAstralHan(high: number, low: number): boolean {
  const cp = (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  let han = astralHan.get(cp);
  if (han === undefined) astralHan.set(cp, (han = HAN_CHAR.test(String.fromCodePoint(cp))));
  return han;
}

/** Han characters, in code points (an astral one counts once; a lone surrogate is no character of any script); counted up to `limit`. */
export function hanCount(s: string, limit = Infinity): number {
  const table = charTable();
  let n = 0;
  // A test of "at most limit - 1" need not count a long line to its end.
  for (let i = 0; i < s.length && n < limit; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) n += table[c] & HAN;
    else if (c <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        if (isAstralHan(c, low)) n++;
        i++;
      }
    }
  }
  return n;
}

/** hanCount(s) and latinWordCount(s), counted in one pass. */
export interface WordCounts {
  han: number;
  latin: number;
}

export function countWords(s: string, out: WordCounts): WordCounts {
  const table = charTable();
  let han = 0;
  let latin = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isAsciiLetter(c)) {
      // A word, as latinWordCount reads it; the character after it is looked at again.
      latin++;
      while (i < s.length && isAsciiLetter(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if ((q === 0x27 || q === 0x2019) && isAsciiLetter(s.charCodeAt(i + 1))) {
        i++;
        while (i < s.length && isAsciiLetter(s.charCodeAt(i))) i++;
      }
      continue;
    }
    if (c < 0xd800 || c > 0xdfff) han += table[c] & HAN;
    else if (c <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        if (isAstralHan(c, low)) han++;
        i++;
      }
    }
    i++;
  }
  out.han = han;
  out.latin = latin;
  return out;
}

/**
 * The BMP code units a one-character class (`/[...]/`, no flags that change it) matches,
 * as a table: a lookup per character where a regular expression call per character
 * would cost more. Surrogates never match (the class is read a code unit at a time).
 */
export function codeUnitTable(charClass: RegExp): Uint8Array {
  const table = new Uint8Array(0x10000);
  const global = new RegExp(charClass.source, charClass.flags.replace('g', '') + 'g');
  for (const m of allCodeUnits().matchAll(global)) table[m[0].charCodeAt(0)] = 1;
  return table;
}

/** hanCount(s) > 0, stopping at the first. */
export function hasHan(s: string): boolean {
  const table = charTable();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) {
      if (table[c] & HAN) return true;
    } else if (c <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        if (isAstralHan(c, low)) return true;
        i++;
      }
    }
  }
  return false;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
/**
 * Words of ASCII letters, with one inner apostrophe (don't, China’s): /[A-Za-z]+(?:['’][A-Za-z]+)?/g
 * matches; counted up to `limit` (a test of "at most limit - 1" need not read on).
 */
export function latinWordCount(s: string, limit = Infinity): number {
  let n = 0;
  let i = 0;
  while (i < s.length && n < limit) {
    if (!isAsciiLetter(s.charCodeAt(i))) {
      i++;
      continue;
    }
    n++;
    while (i < s.length && isAsciiLetter(s.charCodeAt(i))) i++;
    const c = s.charCodeAt(i);
    if ((c === 0x27 || c === 0x2019) && isAsciiLetter(s.charCodeAt(i + 1))) {
      i++;
      while (i < s.length && isAsciiLetter(s.charCodeAt(i))) i++;
    }
  }
  return n;
}

/** Letters, digits or Han: a line without any is empty as far as structure goes. */
export function hasSubstance(s: string): boolean {
  const table = charTable();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return hasSubstanceSlow(s);
    if (table[c] & LETTER_OR_DIGIT) return true;
  }
  return false;
}

// With surrogates the pairs decide, and dropping ? and U+FFFD can join the halves of one.
function hasSubstanceSlow(s: string): boolean {
  return /[\p{L}\p{N}]/u.test(s.replace(/[?\uFFFD]/g, ''));
}

/** Not one letter, digit (\p{L}, \p{N}), ? or U+FFFD. */
export function lacksLetterDigitAndLost(s: string): boolean {
  const table = charTable();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return !/[\p{L}\p{N}?\uFFFD]/u.test(s);
    if (table[c] & LETTER_OR_DIGIT || c === 0x3f || c === 0xfffd) return false;
  }
  return true;
}

/** A line of nothing but ? and U+FFFD: lost characters, left to the lost-character rule. */
export function isLostOnly(s: string): boolean {
  return /^[\s\u00a0\u3000?\uFFFD]*[?\uFFFD][\s\u00a0\u3000?\uFFFD]*$/.test(s);
}

/** A size in "words": Han characters count one each, Latin words one each. */
export function wordSize(s: string): number {
  return hanCount(s) + latinWordCount(s);
}

const keys = new Map<string, string>();

/**
 * normaliseLine(line), the form the corpus counts lines by, kept per distinct line like
 * matchView: the site evidence and the repeated-line rule ask it of the same lines.
 */
export function corpusKey(line: string): string {
  let key = keys.get(line);
  if (key === undefined) {
    key = normaliseLine(line);
    if (keys.size >= CACHE_LIMIT) keys.clear();
    keys.set(line, key);
  }
  return key;
}
