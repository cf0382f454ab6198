// Which script a document is written in, and conversion between the two with
// opencc-js, done carefully: the OpenCC configuration is chosen by the detected
// region, protected terms are never converted, and ambiguous characters can be
// listed before converting.
import { converter, type OpenccLocale } from './opencc';
import { runSteps } from '../core/steps';
import { hanBracketMatches } from '../encoding/han-bracket-matches';

export type Script = 'zh-Hans' | 'zh-Hant';
export type Variant = Script | 'mixed' | 'none';
export type Region = 'tw' | 'hk' | 'generic';

export interface VariantReport {
  variant: Variant;
  /** For Traditional text, which regional standard it follows best. */
  region: Region;
  hanCount: number;
  /** Characters that exist only in Traditional (they change under t2s). */
  traditionalOnly: number;
  /** Characters that exist only in Simplified (they change under s2t and not under t2s). */
  simplifiedOnly: number;
  /** `發(fā)`-style annotations: with Traditional text, the signature of a converter. */
  pinyinAnnotations: number;
  converterOutput: boolean;
}

// Tried only where a bracket opens (see encoding/han-bracket-matches).
const ANNOTATION_AT = /\p{Script=Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/uy;
/** Below this share of the other script's characters a document still counts as one script. */
const MIXED_SHARE = 0.2;
const MIN_HAN = 8;
/** Up to this many code units of a text decide its regional standard. */
const REGION_SAMPLE = 20000;

const t2s = () => converter('t', 'cn');
const s2t = () => converter('cn', 't');

// What each character is, worked out once per code point with opencc-js and kept in a table:
// converting every run of every document (t2s, s2t, and s2tw/s2hk for the region) cost
// ~0.45 s per MB, while the counts only need each character's own conversions.
// Character by character on purpose: a phrase rule (以后 → 以後) says which form a word
// takes, not which script a character belongs to.
const KNOWN = 1;
const HAN = 2;
/** Changes under t2s: exists only in Traditional. */
const TRADITIONAL = 4;
/** Changes under s2t and not under t2s: exists only in Simplified. */
const SIMPLIFIED = 8;
/** Converting its Simplified form back with Taiwan's (Hong Kong's) standard gives it again. */
const TW_ROUND_TRIP = 16;
const HK_ROUND_TRIP = 32;
/** Past the last Han block (CJK Extension H ends at U+323AF). */
const TABLE_END = 0x32400;
const FIRST_HAN = 0x2e80;
const characterFlags = new Uint8Array(TABLE_END);
const IS_HAN = /^\p{Script=Han}$/u;

function flagsOf(codePoint: number): number {
  let flags = characterFlags[codePoint];
  if (flags !== 0) return flags;
  flags = KNOWN;
  const char = String.fromCodePoint(codePoint);
  if (IS_HAN.test(char)) {
    flags |= HAN;
    const simplified = t2s()(char);
    if (simplified !== char) flags |= TRADITIONAL;
    else if (s2t()(char) !== char) flags |= SIMPLIFIED;
    // s2tw is s2t then Taiwan's variants: sharing the s2t step spares building its phrase dictionary twice more.
    const traditional = s2t()(simplified);
    if (converter('t', 'tw')(traditional) === char) flags |= TW_ROUND_TRIP;
    if (converter('t', 'hk')(traditional) === char) flags |= HK_ROUND_TRIP;
  }
  characterFlags[codePoint] = flags;
  return flags;
}

interface ScriptCounts {
  hanCount: number;
  traditionalOnly: number;
  simplifiedOnly: number;
  /** Han characters in the first REGION_SAMPLE code units that Taiwan's (Hong Kong's) standard reproduces from their Simplified forms. */
  twAgree: number;
  hkAgree: number;
}

/** Code units counted between two yields of countScriptsInSteps (a few tenths of a millisecond). */
const COUNT_STEP_UNITS = 32768;

/** One pass over the code points of a text, counted from the characters' flags. */
function countScripts(text: string): ScriptCounts {
  return runSteps(countScriptsInSteps(text));
}

/** countScripts in parts, a yield between them. */
function* countScriptsInSteps(text: string): Generator<void, ScriptCounts, void> {
  const counts: ScriptCounts = { hanCount: 0, traditionalOnly: 0, simplifiedOnly: 0, twAgree: 0, hkAgree: 0 };
  let pause = COUNT_STEP_UNITS;
  for (let i = 0; i < text.length; i++) {
    if (i >= pause) {
      yield;
      pause = i + COUNT_STEP_UNITS;
    }
    let codePoint = text.charCodeAt(i);
    if (codePoint < FIRST_HAN) continue;
    const at = i;
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (codePoint >= TABLE_END) continue;
    const flags = flagsOf(codePoint);
    if ((flags & HAN) === 0) continue;
    counts.hanCount++;
    if (flags & TRADITIONAL) counts.traditionalOnly++;
    else if (flags & SIMPLIFIED) counts.simplifiedOnly++;
    if (at < REGION_SAMPLE) {
      if (flags & TW_ROUND_TRIP) counts.twAgree++;
      if (flags & HK_ROUND_TRIP) counts.hkAgree++;
    }
  }
  return counts;
}

export function detectVariant(text: string): VariantReport {
  return runSteps(detectVariantInSteps(text));
}

/** detectVariant in parts, a yield between them. */
export function* detectVariantInSteps(text: string): Generator<void, VariantReport, void> {
  const { hanCount, traditionalOnly, simplifiedOnly, twAgree, hkAgree } = yield* countScriptsInSteps(text);
  yield;
  const pinyinAnnotations = hanBracketMatches(text, ANNOTATION_AT).length;
  let variant: Variant = 'none';
  if (hanCount >= MIN_HAN) {
    const tradShare = traditionalOnly / hanCount;
    const simpShare = simplifiedOnly / hanCount;
    if (tradShare >= MIXED_SHARE * 0.25 && simpShare >= MIXED_SHARE * 0.25 && Math.min(tradShare, simpShare) / Math.max(tradShare, simpShare) > MIXED_SHARE) variant = 'mixed';
    else if (traditionalOnly > simplifiedOnly) variant = 'zh-Hant';
    else variant = 'zh-Hans';
  }
  const region = variant === 'zh-Hant' || variant === 'mixed' ? regionFrom(twAgree, hkAgree) : 'generic';
  return {
    variant,
    region,
    hanCount,
    traditionalOnly,
    simplifiedOnly,
    pinyinAnnotations,
    converterOutput: variant !== 'zh-Hans' && pinyinAnnotations >= 3,
  };
}

function regionFrom(twAgree: number, hkAgree: number): Region {
  return twAgree > hkAgree ? 'tw' : hkAgree > twAgree ? 'hk' : 'generic';
}

/** The regional standard of Traditional text: the one that reproduces more of its characters. */
function regionOf(text: string): Region {
  const { twAgree, hkAgree } = countScripts(text.slice(0, REGION_SAMPLE));
  return regionFrom(twAgree, hkAgree);
}

/** Names OpenCC's configuration for a conversion, as its config files are named. */
export function openccConfigName(from: Region, to: Script): string {
  if (to === 'zh-Hans') return from === 'tw' ? 'tw2s' : from === 'hk' ? 'hk2s' : 't2s';
  return from === 'tw' ? 's2tw' : from === 'hk' ? 's2hk' : 's2t';
}

function localesFor(config: string): [OpenccLocale, OpenccLocale] {
  switch (config) {
    case 'tw2s': return ['tw', 'cn'];
    case 'hk2s': return ['hk', 'cn'];
    case 't2s': return ['t', 'cn'];
    case 's2tw': return ['cn', 'tw'];
    case 's2hk': return ['cn', 'hk'];
    default: return ['cn', 't'];
  }
}

/**
 * Known traps of character-by-character conversion, kept as written in Simplified:
 * place and reign names whose 乾 is not 干.
 */
export const DEFAULT_PROTECTED_TERMS: readonly string[] = ['乾安县', '乾县', '乾陵', '乾清宫', '乾隆', '乾坤', '乾元', '乾州'];

interface Protected {
  start: number;
  end: number;
  term: string;
}

/** Occurrences of protected terms in any script form, longest first, not overlapping. */
function protectedSpans(text: string, terms: readonly string[]): Protected[] {
  const forms: { form: string; term: string }[] = [];
  for (const term of terms) {
    if (!term) continue;
    for (const form of new Set([term, t2s()(term), s2t()(term), converter('cn', 'tw')(term), converter('cn', 'hk')(term)])) forms.push({ form, term });
  }
  forms.sort((a, b) => b.form.length - a.form.length);
  const taken: Protected[] = [];
  for (const { form, term } of forms) {
    let i = text.indexOf(form);
    while (i !== -1) {
      const end = i + form.length;
      if (!taken.some((t) => i < t.end && end > t.start)) taken.push({ start: i, end, term });
      i = text.indexOf(form, i + 1);
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

export interface ConvertOptions {
  to: Script;
  /** The source's regional standard; detected when absent. */
  from?: Region;
  protect?: readonly string[];
}

export interface ConvertResult {
  text: string;
  config: string;
  protectedCount: number;
}

/**
 * Converts text to one script. A protected term keeps the form it was given in, in
 * whatever form it appears; everything else goes through the chosen OpenCC configuration.
 */
export function convertText(text: string, options: ConvertOptions): ConvertResult {
  const region = options.from ?? (options.to === 'zh-Hans' ? regionOf(text) : 'generic');
  const config = openccConfigName(region, options.to);
  const convert = converter(...localesFor(config));
  const spans = protectedSpans(text, options.protect ?? DEFAULT_PROTECTED_TERMS);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += convert(text.slice(cursor, span.start)) + span.term;
    cursor = span.end;
  }
  out += convert(text.slice(cursor));
  return { text: out, config, protectedCount: spans.length };
}

/**
 * Characters whose conversion is a choice: several Traditional characters share one
 * Simplified form (乾/幹 → 干, 發/髮 → 发, 後 → 后 beside 皇后, 麵 → 面 beside 方面), or
 * OpenCC's t2s keeps one that Taiwan's table changes (著). Both directions are listed.
 */
export const AMBIGUOUS_GROUPS: readonly string[] = ['干乾幹榦', '发發髮', '后後', '面麵', '着著', '里裡裏', '台臺檯颱', '系係繫', '制製', '准準', '松鬆', '谷穀', '余餘', '征徵', '冲衝沖', '斗鬥', '历歷曆', '钟鐘鍾', '只隻', '云雲', '复復複覆', '范範', '尽盡儘', '卷捲'];
const AMBIGUOUS = new Map<string, string>();
for (const group of AMBIGUOUS_GROUPS) for (const c of group) AMBIGUOUS.set(c, group);

export interface AmbiguousOccurrence {
  offset: number;
  char: string;
  becomes: string;
  /** The candidates this character stands among. */
  group: string;
  context: string;
}

/** Every ambiguous character with its context and what the conversion makes of it. */
export function ambiguousOccurrences(text: string, options: ConvertOptions): AmbiguousOccurrence[] {
  const converted = convertText(text, options).text;
  const sameLength = converted.length === text.length;
  const out: AmbiguousOccurrence[] = [];
  for (let i = 0; i < text.length; i++) {
    const group = AMBIGUOUS.get(text[i]);
    if (!group) continue;
    out.push({
      offset: i,
      char: text[i],
      becomes: sameLength ? converted[i] : convertText(text.slice(Math.max(0, i - 3), i + 4), options).text.charAt(Math.min(3, i)),
      group,
      context: text.slice(Math.max(0, i - 6), i + 7).replace(/\s+/g, ' '),
    });
  }
  return out;
}
