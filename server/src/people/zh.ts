// Officials and their posts in Chinese text (Simplified or Traditional: everything
// runs on the Simplified view of the text, offsets stay view offsets until the caller
// maps them back to the original).
//
//   post + name            苏州市委书记刘小涛
//   posts + name           市委副书记、市长应勇      (a list of posts before one name)
//   heading + names        苏州市领导顾海东、王飏
//   name + formula title   习近平总书记               (official, 总书记 of 中共中央)
//   function + names       (摄影:陈正宝 张春海), 编辑:时金, (记者 赵玲)
//
// A name is a known surname (compound first) and one or two given-name characters;
// which length is decided by what follows (punctuation, a verb or particle that ends
// names), by the candidate's other occurrences in the document standing
// alone (`王中指出` makes `王中率` read 王中 + 率), and never by a title fragment.
import {
  COMPOUND_SURNAMES, FUNCTION_LABELS, LEVEL_SUFFIXES, NAME_END_WORDS, NON_NAME_CHARS,
  ORGANISATION_STOP_WORDS, SINGLE_SURNAMES, TITLES,
} from './lexicon';
import { divisionsIn } from './places';
import type { LazyWordFlags } from './segments';
import type { PersonKind } from './types';

/**
 * Words by one of their UTF-16 units (`unit(word)`), each list in the words' own order, so
 * a lookup tries only the words that can match at a position, in the order the list gives.
 */
function wordsByUnit(words: readonly string[], unit: (w: string) => number): Array<string[] | undefined> {
  const table: Array<string[] | undefined> = new Array(0x10000).fill(undefined);
  for (const w of words) (table[unit(w)] ??= []).push(w);
  return table;
}
// TITLES is longest first, so the first title matching at a position is the longest there.
const TITLES_BY_FIRST = wordsByUnit(TITLES, (w) => w.charCodeAt(0));
const NAME_END_WORDS_BY_FIRST = wordsByUnit(NAME_END_WORDS, (w) => w.charCodeAt(0));
// Stop words are looked for ending at a position: by their last unit, longest first.
const STOP_WORDS_BY_LAST = wordsByUnit(ORGANISATION_STOP_WORDS, (w) => w.charCodeAt(w.length - 1));

const LABELS_BY_FIRST = wordsByUnit(FUNCTION_LABELS.map(([label]) => label), (w) => w.charCodeAt(0));
const LABEL_FIRST_UNITS = new Uint8Array(0x10000);
for (const [label] of FUNCTION_LABELS) LABEL_FIRST_UNITS[label.charCodeAt(0)] = 1;

/** Every occurrence of every byline label, by label, in text order: one pass instead of a search per label. */
function labelOccurrences(S: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const n = S.length;
  for (let i = 0; i < n; i++) {
    const c = S.charCodeAt(i);
    if (LABEL_FIRST_UNITS[c] === 0) continue;
    for (const label of LABELS_BY_FIRST[c]!) {
      if (!S.startsWith(label, i)) continue;
      const list = out.get(label);
      if (list) list.push(i);
      else out.set(label, [i]);
    }
  }
  return out;
}

/** 1 for the units a title starts with: most positions are passed over on this alone. */
const TITLE_FIRST_UNITS = new Uint8Array(0x10000);
/** Titles whose names are read per part of `extractSteps` (a part about a millisecond or less). */
const TITLES_PER_PART = 64;
for (const t of TITLES) TITLE_FIRST_UNITS[t.charCodeAt(0)] = 1;

/** Titles in `S`, leftmost and longest, not overlapping (a scan of each position's candidates, not a regex alternation). */
function titlesIn(S: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const n = S.length;
  for (let i = 0; i < n; ) {
    const c = S.charCodeAt(i);
    if (TITLE_FIRST_UNITS[c] === 0) {
      i++;
      continue;
    }
    const candidates = TITLES_BY_FIRST[c]!;
    let length = 0;
    for (let k = 0; k < candidates.length; k++) {
      if (S.startsWith(candidates[k], i)) {
        length = candidates[k].length;
        break;
      }
    }
    if (length > 0) {
      out.push({ start: i, end: i + length });
      i += length;
    } else i++;
  }
  return out;
}

const HAN = /^\p{Script=Han}$/u;
/** One character (or UTF-16 unit) of Han script; the common ranges answered without the regex. */
function isHan(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    // Nothing below the CJK radicals is Han; U+4E00–U+9FEA (Unicode 10) all is.
    if (c < 0x2e80) return false;
    if (c >= 0x4e00 && c <= 0x9fea) return true;
  }
  return HAN.test(ch);
}

function sortedIncludes(xs: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length && xs[lo] === x;
}

/** The first middle dot in S[from, to), or -1. */
function firstMiddleDot(S: string, from: number, to: number): number {
  for (let k = from; k < to && k < S.length; k++) if (MIDDLE_DOT_UNITS.includes(S.charCodeAt(k))) return k;
  return -1;
}

/** `isHan(S[i])` without making the one-unit string. */
function isHanAt(S: string, i: number): boolean {
  const c = S.charCodeAt(i);
  if (c < 0x2e80 || c !== c) return false; // c !== c: NaN, outside the text
  if (c >= 0x4e00 && c <= 0x9fea) return true;
  return HAN.test(S[i]);
}

/** Every character of a given name can stand in one: Han, no function word. */
function givenNameChars(given: string): boolean {
  for (const c of given) if (!isHan(c) || NON_NAME_CHARS.has(c)) return false;
  return true;
}
const MIDDLE_DOTS = '·・•‧';
const MIDDLE_DOT_UNITS = [...MIDDLE_DOTS].map((d) => d.charCodeAt(0));
/** 1 for the first unit of a compound surname. */
const COMPOUND_FIRST_UNITS = new Uint8Array(0x10000);
for (const s of COMPOUND_SURNAMES) COMPOUND_FIRST_UNITS[s.charCodeAt(0)] = 1;
/** A byline label may follow the outlet's name: 新华社记者, 人民网文/张三. */
const BYLINE_AFTER = '报社台网站';
const SPEECH_VERBS = new Set([...'说率赴讲称等']);

/** A post as found, in view offsets. */
export interface ZhPost {
  /** Start of the organisation (or of the title when there is none). */
  start: number;
  titleStart: number;
  end: number;
}

export interface ZhRole {
  start: number;
  end: number;
  title: string;
  organization: string;
  inferred: boolean;
}

/** A name found in the view (offsets of the name) with the posts stated beside it; a byline's label. */
export interface ZhStatement {
  start: number;
  end: number;
  kind: PersonKind;
  posts: ZhPost[];
  label?: string;
}

export interface ZhPlace {
  start: number;
  end: number;
  name: string;
  level: string;
}

interface Candidate {
  start: number;
  end: number;
  score: number;
}

const LEVEL_OF_TITLE: ReadonlyArray<[RegExp, string]> = [
  [/省长/, '省'], [/市长/, '市'], [/区长/, '区'], [/县长/, '县'], [/州长/, '州'], [/盟长/, '盟'], [/旗长/, '旗'],
  [/镇长/, '镇'], [/乡长/, '乡'],
];

/** 自治州 and 州 are one level, as are 自治县 and 县; 自治区 is its own. */
function normaliseLevel(suffix: string): string {
  if (suffix === '自治州') return '州';
  if (suffix === '自治县') return '县';
  return suffix;
}

/** Places named inside an organisation: 上海市普陀区委 holds 上海市 and 上海市普陀区. */
export function placesIn(org: string): Array<{ end: number; level: string }> {
  const out: Array<{ end: number; level: string }> = [];
  let i = 1; // a place needs a name before its suffix
  let lastEnd = -1;
  while (i < org.length) {
    const suffix = LEVEL_SUFFIXES.find((s) => org.startsWith(s, i));
    if (!suffix) {
      i++;
      continue;
    }
    const end = i + suffix.length;
    const nameLength = i - (lastEnd < 0 ? 0 : lastEnd);
    // 苏州市: 州 followed by another level is part of the name; so is the 州 of a
    // one-character name (杭州, 苏州 are cities). 自治州州委: the second 州 is the unit's.
    const followed = LEVEL_SUFFIXES.some((s) => org.startsWith(s, end));
    const partOfName = (followed && !suffix.startsWith('自治')) || (suffix === '州' && nameLength < 2);
    if (!partOfName && i !== lastEnd) out.push({ end, level: normaliseLevel(suffix) });
    if (!partOfName) lastEnd = end;
    i = end;
  }
  return out;
}

/** The level an organisation starting without a place name stands for: 市委 → 市, 自治区党委 → 自治区. */
function leadingLevel(org: string): string | undefined {
  const s = LEVEL_SUFFIXES.find((x) => org.startsWith(x));
  return s ? normaliseLevel(s) : undefined;
}

export class ZhExtractor {
  private readonly nameEnds = new Set<number>();
  /** The positions a statement found so far (name or label) covers: few, and short spans, so a set rather than a mask of the text. */
  private readonly consumed = new Set<number>();
  /** For each name asked about: where it occurs with a name boundary after it, in order. */
  private readonly standaloneCache = new Map<string, number[]>();

  /** `flags`: word boundaries of `S` (people/segments), computed when not given. */
  constructor(private readonly S: string, private readonly flags?: LazyWordFlags) {}

  private consume(start: number, end: number): void {
    for (let k = start; k < end; k++) this.consumed.add(k);
  }

  private surnameLength(p: number): number {
    const S = this.S;
    if (COMPOUND_FIRST_UNITS[S.charCodeAt(p)] === 1 && COMPOUND_SURNAMES.has(S.slice(p, p + 2))) return 2;
    return SINGLE_SURNAMES.has(S[p]) ? 1 : 0;
  }

  private endWordAt(p: number): boolean {
    const words = NAME_END_WORDS_BY_FIRST[this.S.charCodeAt(p)];
    return words !== undefined && words.some((w) => this.S.startsWith(w, p));
  }

  /** Occurrences of `name` elsewhere in the document with a name boundary after them. */
  private standaloneCount(name: string, except: number): number {
    // One scan of the text per name, whatever position asks.
    let standalone = this.standaloneCache.get(name);
    if (standalone === undefined) {
      standalone = [];
      for (let at = this.S.indexOf(name); at >= 0; at = this.S.indexOf(name, at + 1)) {
        const after = at + name.length;
        if (after >= this.S.length || !isHanAt(this.S, after) || this.endWordAt(after)) standalone.push(at);
      }
      this.standaloneCache.set(name, standalone);
    }
    return standalone.length - (sortedIncludes(standalone, except) ? 1 : 0);
  }

  /** How well a name ends at `after`: punctuation best, then a name-ending word. */
  private boundaryScore(after: number): number {
    const S = this.S;
    if (after >= S.length || !isHanAt(S, after)) return 3;
    if (this.endWordAt(after)) return 2;
    return -3;
  }

  private containsTitle(text: string): boolean {
    for (let k = 0; k < text.length; k++) {
      const titles = TITLES_BY_FIRST[text.charCodeAt(k)];
      if (titles && titles.some((t) => t.length >= 2 && text.startsWith(t, k))) return true;
    }
    return false;
  }

  /** The best reading of a name starting at p, or none. */
  parseName(p: number, minScore = 0): Candidate | undefined {
    const S = this.S;
    const candidates: Candidate[] = [];
    const sl = this.surnameLength(p);
    if (sl > 0) {
      for (const g of [2, 1]) {
        const end = p + sl + g;
        if (end > S.length) continue;
        if (!givenNameChars(S.slice(p + sl, end))) continue;
        const name = S.slice(p, end);
        if (this.containsTitle(name)) continue;
        let score = this.boundaryScore(end);
        score += Math.min(2, this.standaloneCount(name, p));
        if (g === 2) {
          score += 0.5;
          // 李峥参加: a two-character word ending names starts at the last given character.
          if (NAME_END_WORDS_BY_FIRST[S.charCodeAt(end - 1)]?.some((w) => w.length >= 2 && S.startsWith(w, end - 1))) score -= 2;
          // 李明说, : verbs of speaking and leading hardly end a given name.
          if (SPEECH_VERBS.has(S[end - 1])) score -= 2;
        }
        candidates.push({ start: p, end, score });
      }
    }
    // Transliterated names joined by a middle dot: 艾尔肯·吐尼亚孜.
    const dotAt = firstMiddleDot(S, p + 1, p + 16);
    const dotted = dotAt < 0 ? null : /^\p{Script=Han}{2,6}[·・•‧]\p{Script=Han}{2,8}/u.exec(S.slice(p, p + 16));
    if (dotted) {
      const dot = dotAt;
      for (let end = p + dotted[0].length; end >= dot + 3; end--) {
        const score = this.boundaryScore(end);
        if (score > 1) {
          candidates.push({ start: p, end, score: score + 0.5 });
          break;
        }
      }
    }
    let best: Candidate | undefined;
    for (const c of candidates) if (c.score > minScore && (!best || c.score > best.score)) best = c;
    if (!best || best.score < 2) {
      // Names without a Han surname (乌云其木格): a run of 4–6 characters up to punctuation
      // holding no word that ends names and no title.
      const run = /^\p{Script=Han}{4,6}(?!\p{Script=Han})/u.exec(S.slice(p, p + 7));
      if (run && !this.containsTitle(run[0]) && ![...run[0]].some((_, k) => k > 0 && this.endWordAt(p + k))) {
        return { start: p, end: p + run[0].length, score: 2 };
      }
    }
    return best;
  }

  /** Names after a title or heading: one, or several separated by 、 (or spaces, in bylines). */
  private parseNameList(p: number, separators: string): Candidate[] {
    const names: Candidate[] = [];
    let at = p;
    for (;;) {
      const c = this.parseName(at);
      if (!c) break;
      names.push(c);
      let q = c.end;
      if (!separators.includes(this.S[q] ?? '\0')) break;
      while (separators.includes(this.S[q] ?? '\0')) q++;
      at = q;
    }
    return names;
  }

  /** Where the organisation before a title begins: after punctuation, a stop word or a name. */
  private organisationStart(titleStart: number): number {
    const S = this.S;
    let i = titleStart;
    while (i > 0 && titleStart - i < 24) {
      if (!isHanAt(S, i - 1)) break;
      if (this.nameEnds.has(i)) break;
      const stop = STOP_WORDS_BY_LAST[S.charCodeAt(i - 1)]?.find((w) => i - w.length >= 0 && S.startsWith(w, i - w.length));
      if (stop) {
        // 自治区文化和旅游厅, 人力资源和社会保障局: a bare department joined by 和 goes on.
        const sofar = S.slice(i, titleStart);
        const bareDepartment = (stop === '和' || stop === '与') && sofar.length >= 2 && /[厅局委部办署院]$/.test(sofar) &&
          placesIn(sofar).length === 0 && !leadingLevel(sofar) && isHanAt(S, i - 2) && !this.nameEnds.has(i - 1);
        if (!bareDepartment) break;
      }
      i--;
    }
    return i;
  }

  private overlapsConsumed(start: number, end: number): boolean {
    // Spans asked about are never empty, so overlapping one means covering a position of it.
    for (let k = start; k < end; k++) if (this.consumed.has(k)) return true;
    return false;
  }

  /**
   * The statements and places of the text, in parts (each a pass over the text or some titles'
   * names), so that the people index of a large document being edited is rebuilt between
   * requests rather than in one go.
   */
  *extractSteps(): Generator<void, { statements: ZhStatement[]; places: ZhPlace[] }, void> {
    const S = this.S;
    const found: ZhStatement[] = [];

    // Bylines first: (记者 黄晓明 周婷), 编辑:时金, (摄影:陈正宝 张春海).
    const labelsAt = labelOccurrences(S);
    yield;
    for (const [label, kind] of FUNCTION_LABELS) {
      for (const at of labelsAt.get(label) ?? []) {
        const before = S[at - 1];
        const bylineStart = at === 0 || before === undefined || /[\s(（【\[|丨:：,，]/.test(before) || BYLINE_AFTER.includes(before);
        if (!bylineStart) continue;
        let p = at + label.length;
        const sep = /^[\s:：/／]*/.exec(S.slice(p))![0];
        if (label.length === 1 && !/[:：/／]/.test(sep)) continue; // 文/张三, 图：李四 only
        if (sep.includes('\n')) continue;
        p += sep.length;
        if (this.overlapsConsumed(at, p + 1)) continue;
        const names = this.parseNameList(p, ' \u3000、,，');
        for (const n of names) {
          found.push({ start: n.start, end: n.end, kind, posts: [{ start: at, titleStart: at, end: at + label.length }], label });
          this.consume(n.start, n.end);
          this.nameEnds.add(n.end);
        }
        if (names.length) this.consume(at, at + label.length);
      }
    }

    yield;
    const titles = titlesIn(S);
    const titleEndingAt = new Map(titles.map((t) => [t.end, t]));
    yield;
    let titlesRead = 0;
    for (const t of titles) {
      if (++titlesRead % TITLES_PER_PART === 0) yield;
      if (this.overlapsConsumed(t.start, t.end)) continue;
      const names = this.parseNameList(t.end, '、');
      if (names.length > 0) {
        // The posts: this one, and those listed before it with 、.
        const posts: ZhPost[] = [];
        let titleStart = t.start;
        let end = t.end;
        for (;;) {
          const orgStart = this.organisationStart(titleStart);
          posts.unshift({ start: orgStart, titleStart, end });
          if (S[orgStart - 1] !== '、') break;
          const previous = titleEndingAt.get(orgStart - 1);
          if (!previous || this.overlapsConsumed(previous.start, previous.end)) break;
          titleStart = previous.start;
          end = previous.end;
        }
        for (const n of names) {
          found.push({ start: n.start, end: n.end, kind: 'official', posts });
          this.consume(n.start, n.end);
          this.nameEnds.add(n.end);
        }
        continue;
      }
      // 习近平总书记: the name before a formula title.
      if (S.slice(t.start, t.end) === '总书记') {
        for (const len of [4, 3, 2]) {
          const p = t.start - len;
          if (p < 0) continue;
          const sl = this.surnameLength(p);
          if (sl === 0 || len - sl < 1 || len - sl > 2) continue;
          if (!givenNameChars(S.slice(p + sl, t.start))) continue;
          if (this.overlapsConsumed(p, t.start)) continue;
          found.push({ start: p, end: t.start, kind: 'official', posts: [{ start: t.start, titleStart: t.start, end: t.end }] });
          this.consume(p, t.end);
          break;
        }
      }
    }
    found.sort((a, b) => a.start - b.start);
    yield;
    return { statements: found, places: yield* this.places(found) };
  }

  /** Places: those inside explicit organisations, and administrative divisions named in the text. */
  private *places(found: Array<{ posts: ZhPost[] }>): Generator<void, ZhPlace[], void> {
    const S = this.S;
    const places: ZhPlace[] = [];
    // Spans seen, as start × (length + 1) + end: a number rather than a string per place.
    const seen = new Set<number>();
    const add = (start: number, end: number, level: string) => {
      const k = start * (S.length + 1) + end;
      if (seen.has(k)) return;
      seen.add(k);
      places.push({ start, end, name: S.slice(start, end), level });
    };
    // The names of one list share their posts: each post is read once (it would add nothing new again).
    const postsRead = new Set<ZhPost>();
    for (const f of found) {
      for (const post of f.posts) {
        if (postsRead.has(post)) continue;
        postsRead.add(post);
        const org = S.slice(post.start, post.titleStart);
        for (const p of placesIn(org)) add(post.start, post.start + p.end, p.level);
      }
    }
    yield;
    for (const d of divisionsIn(S, this.flags)) {
      const name = S.slice(d.start, d.end);
      const inner = placesIn(name);
      const last = inner[inner.length - 1];
      if (last && last.end === name.length) add(d.start, d.end, last.level);
    }
    places.sort((a, b) => a.start - b.start);
    return places;
  }
}

/** The nearest place of a level: the closest before `at`, else the closest after. */
function nearestPlace(places: readonly ZhPlace[], level: string, at: number): ZhPlace | undefined {
  let before: ZhPlace | undefined;
  let after: ZhPlace | undefined;
  for (const p of places) {
    if (p.level !== level) continue;
    if (p.start < at) before = p;
    else if (!after) after = p;
  }
  return before ?? after;
}

/** Title and organisation of each post, the organisation completed from context when implicit. */
export function resolvePosts(S: string, posts: readonly ZhPost[], places: readonly ZhPlace[]): ZhRole[] {
  const roles: ZhRole[] = [];
  let previous: ZhRole | undefined;
  for (const post of posts) {
    const title = S.slice(post.titleStart, post.end);
    const org = S.slice(post.start, post.titleStart);
    let organization = org;
    let inferred = false;
    const level = org ? leadingLevel(org) : LEVEL_OF_TITLE.find(([re]) => re.test(title))?.[1];
    if (level) {
      const place = nearestPlace(places, level, post.start);
      if (place) {
        const rest = org ? org.slice(LEVEL_SUFFIXES.find((s) => org.startsWith(s))!.length) : '';
        organization = place.name + rest;
        inferred = true;
      }
    } else if (!org && previous && previous.organization && title !== '总书记') {
      organization = previous.organization;
      inferred = true;
    } else if (title === '总书记' && !org) {
      organization = '中共中央';
      inferred = true;
    }
    const role: ZhRole = { start: post.start, end: post.end, title, organization, inferred };
    roles.push(role);
    previous = role;
  }
  return roles;
}
