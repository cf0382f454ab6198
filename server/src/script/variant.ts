// Which script a document is written in, and conversion between the two with
// opencc-js, done carefully: the OpenCC configuration is chosen by the detected
// region, protected terms are never converted, and ambiguous characters can be
// listed before converting.
import { converter, type OpenccLocale } from './opencc';

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

const HAN_RUN = /\p{Script=Han}+/gu;
const ANNOTATION = /\p{Script=Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/gu;
/** Below this share of the other script's characters a document still counts as one script. */
const MIXED_SHARE = 0.2;
const MIN_HAN = 8;

const t2s = () => converter('t', 'cn');
const s2t = () => converter('cn', 't');

/** Code points in `run` (a run of Han characters: astral ones are surrogate pairs). */
function codePointCount(run: string): number {
  let n = run.length;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

/** Characters of `run` that `converted` (its conversion) changed. */
function countChanged(run: string, converted: string): number {
  // Character conversions keep length; phrase conversions rarely change it, then compare by set.
  if (converted.length !== run.length) {
    const kept = new Set(converted);
    return [...run].filter((c) => !kept.has(c)).length;
  }
  let changed = 0;
  for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) !== converted.charCodeAt(i)) changed++;
  return changed;
}

function regionOf(text: string, simplifiedSample?: string): Region {
  // Convert to Simplified and back through each regional standard: the one that
  // reproduces more of the original characters is the one the text follows.
  const sample = text.slice(0, 20000);
  const simplified = simplifiedSample ?? t2s()(sample);
  const agree = (to: OpenccLocale) => {
    const back = converter('cn', to)(simplified);
    if (back.length !== sample.length) return 0;
    let same = 0;
    for (let i = 0; i < back.length; i++) if (back.charCodeAt(i) === sample.charCodeAt(i)) same++;
    return same;
  };
  const tw = agree('tw');
  const hk = agree('hk');
  return tw > hk ? 'tw' : hk > tw ? 'hk' : 'generic';
}

/** Up to this many code units of a text decide its regional standard. */
const REGION_SAMPLE = 20000;

export function detectVariant(text: string): VariantReport {
  let hanCount = 0;
  let traditionalOnly = 0;
  let simplifiedOnly = 0;
  // t2s converts Han characters only (every key of its dictionaries is Han), so the
  // Simplified form of the region sample is its runs converted one by one, put back
  // between the untouched other characters.
  const sampled: string[] = [];
  let sampledTo = 0;
  for (const m of text.matchAll(HAN_RUN)) {
    const run = m[0];
    hanCount += codePointCount(run);
    const simplified = t2s()(run);
    const trad = countChanged(run, simplified);
    traditionalOnly += trad;
    // Simplified-only: changes under s2t; subtract what also changed under t2s (Traditional forms).
    if (trad < run.length) simplifiedOnly += Math.max(0, countChanged(simplified, s2t()(simplified)) - trad);
    const at = m.index!;
    if (at < REGION_SAMPLE) {
      sampled.push(text.slice(sampledTo, at));
      // A run cut by the sample's end is converted as cut, as converting the sample would.
      sampled.push(at + run.length <= REGION_SAMPLE ? simplified : t2s()(run.slice(0, REGION_SAMPLE - at)));
      sampledTo = Math.min(REGION_SAMPLE, at + run.length);
    }
  }
  const pinyinAnnotations = (text.match(ANNOTATION) ?? []).length;
  let variant: Variant = 'none';
  if (hanCount >= MIN_HAN) {
    const tradShare = traditionalOnly / hanCount;
    const simpShare = simplifiedOnly / hanCount;
    if (tradShare >= MIXED_SHARE * 0.25 && simpShare >= MIXED_SHARE * 0.25 && Math.min(tradShare, simpShare) / Math.max(tradShare, simpShare) > MIXED_SHARE) variant = 'mixed';
    else if (traditionalOnly > simplifiedOnly) variant = 'zh-Hant';
    else variant = 'zh-Hans';
  }
  const simplifiedSample = () => {
    sampled.push(text.slice(sampledTo, REGION_SAMPLE));
    return sampled.join('');
  };
  const region = variant === 'zh-Hant' || variant === 'mixed' ? regionOf(text, simplifiedSample()) : 'generic';
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
