// The view of a line the boilerplate patterns read: one pattern set for Simplified,
// Traditional and converter-damaged text. Only whole-line decisions are taken on
// this view, so it need not keep offsets.
import { converter } from '../script/opencc';

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
  view = line
    .replace(PINYIN_ANNOTATION, '$1')
    .replace(ENTITY, (m) => ENTITY_TEXT[m.slice(1, -1)] ?? m)
    .normalize('NFKC');
  if (/\p{Script=Han}/u.test(view)) view = converter('t', 'cn')(view);
  view = view.replace(/[\s\u00a0\u3000\ufeff\u200b]+/g, ' ').trim();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(line, view);
  return view;
}

// Counted without an array of matches: a line of a million characters would make one
// string per match, and collecting them cost more than the rest of the analysis.
const NOT_HAN_G = /\P{Script=Han}+/gu;

export function hanCount(s: string): number {
  const han = s.replace(NOT_HAN_G, '');
  // Code points: a low surrogate is the second half of an astral Han character.
  let n = han.length;
  for (let i = 0; i < han.length; i++) {
    const c = han.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Words of ASCII letters, with one inner apostrophe (don't, China’s): /[A-Za-z]+(?:['’][A-Za-z]+)?/g matches. */
export function latinWordCount(s: string): number {
  let n = 0;
  let i = 0;
  while (i < s.length) {
    if (!isAsciiLetter(s.charCodeAt(i))) {
      i++;
      continue;
    }
    n++;
    while (i < s.length && isAsciiLetter(s.charCodeAt(i))) i++;
    if ((s[i] === "'" || s[i] === '’') && isAsciiLetter(s.charCodeAt(i + 1))) {
      i++;
      while (i < s.length && isAsciiLetter(s.charCodeAt(i))) i++;
    }
  }
  return n;
}

/** Letters, digits or Han: a line without any is empty as far as structure goes. */
export function hasSubstance(s: string): boolean {
  return /[\p{L}\p{N}]/u.test(s.replace(/[?\uFFFD]/g, ''));
}

/** A line of nothing but ? and U+FFFD: lost characters, left to the lost-character rule. */
export function isLostOnly(s: string): boolean {
  return /^[\s\u00a0\u3000?\uFFFD]*[?\uFFFD][\s\u00a0\u3000?\uFFFD]*$/.test(s);
}

/** A size in "words": Han characters count one each, Latin words one each. */
export function wordSize(s: string): number {
  return hanCount(s) + latinWordCount(s);
}
