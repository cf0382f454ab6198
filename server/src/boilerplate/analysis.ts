// Where the article is in a page of scraped text, and what every other line is.
// One analysis per SeedDocument (memoised): the boilerplate rules and metadata-line
// all read it.
//
// 1. Every line is read on its own (classify.ts, metadata.ts).
// 2. Lines that read like running text form runs; a page-furniture line (breadcrumb,
//    widget, comment stub, teaser heading, footer, END trailer, spam, app prompt)
//    ends a run. The largest run is the article body.
// 3. From the body upwards, over metadata, datelines, debris and captions, the
//    topmost title-like line is the headline. Below the body, metadata lines belong
//    to the article.
// 4. Everything before the headline is the leading block, everything after the
//    article's end the trailing block (metadata lines in them are kept).
// 5. Lines are also flagged one by one: in the blocks only as hints, inside the body
//    only for strong patterns.
//
// Corpus evidence (CCNet-style, see evidence.ts): a line outside the article body that
// the same site's other pages carry too is furniture, even when no pattern knows it.
// Strong evidence moves the headline past a site banner and explains such lines in the
// leading block; on the trailing side shared lines extend the block upwards from the
// recognised furniture (or make one where there is none), but what the corpus alone put
// there stays a guess: a notice's closing formula, signature or date can be shared by a
// whole office's pages and is article text.
import type { SeedDocument } from '../core/document';
import { runSteps, StepBudget } from '../core/steps';
import type { RuleContext, Severity } from '../core/types';
import { siteEvidenceSteps, type LineEvidence } from './evidence';
import { classifyLine, COUNTER_WHAT, isClosingMark, DATE_TIME_ONLY, isParagraphLike, isSentenceLike, isSymbolOnly, isTitleLike, type LineClass, type LineKind } from './classify';
import { findHeader, parseMetadataLine, type MetadataHeader, type MetadataPair } from './metadata';
import { countWords, hanCount, hasHan, hasSubstance, isLostOnly, latinWordCount, matchView, wordSize, type WordCounts } from './normalise';

export type Zone = 'header' | 'leading' | 'headline' | 'intro' | 'body' | 'tail' | 'trailing' | 'unknown';

export interface LineInfo {
  index: number;
  view: string;
  /** No letter, digit or Han (blank, or lost characters only). */
  empty: boolean;
  lostOnly: boolean;
  /** wordSize(view) of a line read (0 for blank and header lines). */
  words: number;
  /** keptCount(view). */
  kept: number;
  cls?: LineClass;
  metadata?: MetadataPair[];
  paragraph: boolean;
  zone: Zone;
  /** Other workspace files holding this line, when it is corpus evidence of furniture. */
  shared?: LineEvidence;
  /** In the trailing block on corpus evidence alone (above the recognised furniture, or with none). */
  pulled?: boolean;
  /** A date above the headline while the page states no date of its own: removing it is a guess. */
  onlyDate?: boolean;
}

export type HitRule =
  | 'boilerplate-seo-spam'
  | 'boilerplate-app-prompt'
  | 'boilerplate-breadcrumb'
  | 'boilerplate-share-widget'
  | 'boilerplate-comment-stub'
  | 'boilerplate-teaser-heading'
  | 'boilerplate-footer'
  | 'boilerplate-end-trailer'
  | 'boilerplate-truncated-teaser'
  | 'boilerplate-debris'
  | 'boilerplate-duplicate-title'
  | 'boilerplate-caption-residue'
  | 'metadata-line';

/** One line-level finding, before a rule turns it into a diagnostic. */
export interface LineHit {
  rule: HitRule;
  /** First and last line covered (a teaser list spans several). */
  first: number;
  last: number;
  message: string;
  /** Removal is safe (strong evidence, never article text). */
  safe: boolean;
  /** Set when the line lies inside a reported block: shown as a hint only. */
  severity?: Severity;
  /** For metadata-line: the pairs parsed, and whether it is a dateline guessed from position. */
  pairs?: MetadataPair[];
}

export interface Block {
  kind: 'leading' | 'trailing';
  /** First and last line with substance in the block. */
  first: number;
  last: number;
  /** Lines the block fix removes (metadata lines are kept). */
  remove: number[];
  /** Metadata lines inside the block, kept. */
  keep: number[];
  /** Lines that read like article text: the fix is not safe while any are present. */
  unexplained: number[];
  /** Furniture whose removal would lose the page's only date: the fix is not safe either. */
  onlyDate: number[];
  safe: boolean;
  kinds: Map<string, number>;
}

export interface Analysis {
  lines: LineInfo[];
  header?: MetadataHeader;
  /** Line indexes; undefined when no article body was found. */
  article?: { headline: number; bodyStart: number; bodyEnd: number; end: number };
  leading?: Block;
  trailing?: Block;
  hits: LineHit[];
}

const TERMINATORS = new Set<LineKind>([
  'seo-spam', 'app-prompt', 'breadcrumb', 'share-widget', 'comment-stub', 'teaser-heading', 'footer', 'end-trailer',
]);
/** Page furniture that ends a run of article text (weak furniture does not). */
function terminates(l: LineInfo): boolean {
  return l.cls !== undefined && TERMINATORS.has(l.cls.kind) && !l.cls.weak && !l.cls.inline;
}
/** Furniture that may sit between the headline and the body without ending the article's head. */
const PASSABLE_ABOVE_BODY = new Set<LineKind>(['share-widget', 'app-prompt', 'debris']);
/** Kinds flagged even inside the article body: these never are article text. */
const STRONG_IN_BODY = new Set<LineKind>(['seo-spam', 'breadcrumb', 'share-widget', 'comment-stub', 'footer', 'end-trailer']);

const RULE_OF: Record<LineKind, HitRule> = {
  'seo-spam': 'boilerplate-seo-spam',
  'app-prompt': 'boilerplate-app-prompt',
  breadcrumb: 'boilerplate-breadcrumb',
  'share-widget': 'boilerplate-share-widget',
  'comment-stub': 'boilerplate-comment-stub',
  'teaser-heading': 'boilerplate-teaser-heading',
  footer: 'boilerplate-footer',
  'end-trailer': 'boilerplate-end-trailer',
  'truncated-teaser': 'boilerplate-truncated-teaser',
  debris: 'boilerplate-debris',
};

// A dateline: a date (and time), optionally followed by a short source name.
const DATELINE = /^(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)((?:\s+|(?<=日))\d{1,2}:\d{2}(:\d{2})?)?(\s+(\S.{0,24}))?$/;

/** A lone short token (`创始人`, `时讯`): a byline role, channel name or menu word. */
function isLoneToken(view: string): boolean {
  if (!hasSubstance(view) || /[。，,；;！!？?:]/.test(view)) return false;
  const han = hanCount(view, 5);
  if (han > 0) return han <= 4 && view.replace(/\s/g, '').length <= 6;
  return latinWordCount(view, 3) <= 2 && view.length <= 16;
}

const CAPTION_WORDS = /\b(speech|speaks|speaking|venue|site|scene|photo|picture|ceremony|meeting|visit|visits|signing|inspection|inspects|talks|symposium|forum|conference|delegation|group photo|addresses|presides)\b/i;

/** English photo-caption residue: a few words, no sentence punctuation. */
function isEnglishCaption(view: string): boolean {
  if (hasHan(view)) return false;
  const words = latinWordCount(view, 41);
  // "Photo shows …", "The picture was taken …": a caption however long.
  if (words <= 40 && /^(the |this |a )?(photo|picture|image)s? (shows?|was taken|taken|provided|by)\b/i.test(view)) return true;
  if (words < 1 || words > 6 || /[.!?:;,]$/.test(view)) return false;
  return /^[a-z]/.test(view) || CAPTION_WORDS.test(view);
}

/** Chinese photo caption: 图为…, ▲…, a short …现场 line. */
function isChineseCaption(view: string): boolean {
  const han = hanCount(view, 41);
  if (han === 0 || han > 40) return false;
  return /^(图为|图\s*\d+\s*[:：]|[▲△↑])/.test(view) || (han <= 12 && /现场$/.test(view) && !/[。，,]/.test(view));
}

// A photographer's or agency's credit: （摄影：X）, 新华社记者 X 摄, [Photo by X], (Photo: X), /Xinhua.
const PHOTO_CREDIT = /(摄影|图片来源|供图|图源)\s*[:：]|\S\s*摄\s*[)）]?\s*$|photo(graph)?s? by\b|\bphotos?\s*:|\/\s*(xinhua|cfp|ic photo|vcg|china daily)\b/i;
// A generic scene label under a lost photo: 会议现场, ▲签约仪式, X讲话.
const SCENE_LABEL = /(现场|会场|合影|仪式|讲话|致辞|发言)$/;

/**
 * A caption left without its photo: a scene label (会议现场, `meeting venue`, `X speech`),
 * or 图为…/Photo shows… without a credit. A caption that credits its photographer, or a
 * WeChat ▲ line that describes the photo, is the article's own caption: text, kept.
 */
function isCaptionResidue(view: string, english: () => boolean): boolean {
  // The caption tests first: they fail fast on most lines, the credit pattern scans the whole line.
  const englishCaption = isEnglishCaption(view) && english();
  if (!englishCaption && !isChineseCaption(view)) return false;
  if (PHOTO_CREDIT.test(view)) return false;
  if (englishCaption) return true;
  return !/^[▲△↑]/.test(view) || (hanCount(view, 13) <= 12 && SCENE_LABEL.test(view) && !/[。，,]/.test(view));
}

/** Headings an article gives its own parts (编者按, 导语, a section number 01): text, not a stray menu word. */
const ARTICLE_PART = /^0\d$|^[【\[]?(编者按|编者的话|编辑按|按语|导语|导读|摘要|内容提要|前言|引言|结语|editor'?s note|abstract|summary)[】\]]?$/i;

function compact(view: string): string {
  return view.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

/**
 * CJK unified ideographs (U+4E00–U+9FFF), ASCII digits and ASCII letters, with İ and the
 * Kelvin sign (the only characters that lower-case to an ASCII letter): compact() keeps
 * each and lower-casing turns each into one such character, so two views with equal
 * compact forms have equal counts.
 */
function keptCount(view: string): number {
  let n = 0;
  for (let i = 0; i < view.length; i++) {
    const c = view.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x130 || c === 0x212a) n++;
  }
  return n;
}

const memo = new WeakMap<SeedDocument, { ctx?: RuleContext; revision?: number; analysis: Analysis }>();

/** The analysis of a document; with a rule context, corpus evidence takes part. */
export function analyse(doc: SeedDocument, ctx?: RuleContext): Analysis {
  return runSteps(analysisSteps(doc, ctx));
}

/**
 * `analyse` in parts, a yield after about PART units of work (see LINE), so that the
 * background lint of a large document lets requests through while the first boilerplate
 * rule works it out. It fills the same memo as `analyse`: the rules after it find it there.
 */
export function* analysisSteps(doc: SeedDocument, ctx?: RuleContext): Generator<void, Analysis, void> {
  const m = memo.get(doc);
  const revision = ctx?.corpus.revision;
  // Rules of one lint share one context; a corpus without a revision may have changed.
  if (m && m.ctx === ctx && (ctx === undefined || (revision !== undefined && m.revision === revision))) return m.analysis;
  const analysis = yield* computeSteps(doc, ctx, new StepBudget(PART));
  memo.set(doc, { ctx, revision, analysis });
  return analysis;
}

/**
 * Units of work of one part of the analysis: a line looked at in one pass costs one, and a
 * line read for the first time (view, metadata and class worked out) a unit per FRESH_CHARS
 * characters more. About a millisecond either way on a 100 KB document.
 */
const PART = 500;
const FRESH_CHARS = 4;

/** A line the site's other pages carry too (strong evidence): furniture. */
const siteLine = (l: LineInfo) => l.shared?.strong === true;

/**
 * What a line is by its text alone, the same in every file that holds it: its view, and
 * (asked for lines outside the metadata header) its metadata or class. Pages of one site
 * repeat their furniture, the lines most patterns are tried on, so it is worked out once
 * per distinct line, in a cache bounded like matchView's. The objects are shared, never
 * changed: an analysis sets its own LineInfo fields.
 */
interface LineFacts {
  view: string;
  empty: boolean;
  lostOnly: boolean;
  kept: number;
  read?: { metadata?: MetadataPair[]; cls?: LineClass; paragraph: boolean; words: number };
}

const facts = new Map<string, LineFacts>();
const FACTS_LIMIT = 20000;

function factsOf(text: string): LineFacts {
  let f = facts.get(text);
  if (f) return f;
  const view = matchView(text);
  const lostOnly = isLostOnly(text);
  const empty = !hasSubstance(view) && !isSymbolOnly(view);
  f = { view, empty: empty || lostOnly, lostOnly, kept: keptCount(view) };
  if (facts.size >= FACTS_LIMIT) facts.clear();
  facts.set(text, f);
  return f;
}

const lineCounts: WordCounts = { han: 0, latin: 0 };

function readLine(text: string, view: string): NonNullable<LineFacts['read']> {
  const meta = parseMetadataLine(text);
  if (meta) return { metadata: meta.pairs, paragraph: false, words: wordSize(view) };
  const counts = countWords(view, lineCounts);
  const words = counts.han + counts.latin;
  let cls = classifyLine(view, counts);
  if (!cls && isSymbolOnly(view)) cls = { kind: 'debris', what: 'symbol on its own line (a lost icon)' };
  // Classes come from many literals of a few shapes ({kind, what}, with weak, with inline):
  // one shape for all, so that reading a line's class never meets a new one.
  if (cls) cls = { kind: cls.kind, what: cls.what, weak: cls.weak, inline: cls.inline };
  return { cls, paragraph: (!cls || cls.weak === true) && isParagraphLike(view, counts), words };
}

function* computeSteps(doc: SeedDocument, ctx: RuleContext | undefined, budget: StepBudget): Generator<void, Analysis, void> {
  const header = findHeader(doc);
  const firstLine = header ? header.close + 1 : 0;
  // One array kind and one hidden class for every document's lines, so that the optimised
  // analysis meets no new shape in a later document: lines got their fields as a document
  // needed them, and the array from map() came in two elements kinds. Each new shape
  // deoptimised computeSteps, makeBlockSteps, flagLinesSteps and siteEvidenceSteps, which were recompiled up to
  // seven times (~50-250 ms of compiler each) during the first lint of a corpus.
  const lines: LineInfo[] = [];
  for (const line of doc.lines) {
    const facts = factsOf(line.text);
    const info: LineInfo = {
      index: line.index,
      view: facts.view,
      empty: facts.empty,
      lostOnly: facts.lostOnly,
      words: 0,
      kept: facts.kept,
      cls: undefined,
      metadata: undefined,
      paragraph: false,
      zone: 'unknown',
      shared: undefined,
      pulled: undefined,
      onlyDate: undefined,
    };
    lines.push(info);
    let work = 1;
    if (header && line.index <= header.close) info.zone = 'header';
    else if (!info.empty) {
      if (facts.read === undefined) {
        facts.read = readLine(line.text, facts.view);
        work += line.text.length / FRESH_CHARS;
      }
      const read = facts.read;
      info.words = read.words;
      if (read.metadata) info.metadata = read.metadata;
      else {
        info.cls = read.cls;
        info.paragraph = read.paragraph;
      }
    }
    if (budget.spend(work)) yield;
  }

  // Runs of running text, split by page furniture; the largest is the body.
  type Run = { first: number; last: number; size: number; count: number };
  const runs: Run[] = [];
  let current: Run | undefined;
  for (let i = firstLine; i < lines.length; i++) {
    const l = lines[i];
    if (terminates(l) && !headsRunningText(lines, i)) current = undefined;
    else if (l.paragraph) {
      if (!current) runs.push((current = { first: i, last: i, size: 0, count: 0 }));
      current.last = i;
      current.size += l.words;
      current.count++;
    }
    if (budget.spend()) yield;
  }
  // A short item (快讯) has no long paragraph: then runs of full sentences stand for the body.
  if (runs.length === 0) {
    for (let i = firstLine; i < lines.length; i++) {
      const l = lines[i];
      if (terminates(l) && !headsRunningText(lines, i)) current = undefined;
      else if (!l.cls && !l.metadata && !l.empty && isSentenceLike(l.view) && /[。！？!?.]["”’」』)）]?$/.test(l.view)) {
        if (!current) runs.push((current = { first: i, last: i, size: 0, count: 0 }));
        current.last = i;
        current.size += l.words;
        current.count++;
      }
      if (budget.spend()) yield;
    }
  }
  const body = runs.reduce<Run | undefined>((best, r) => (!best || r.size > best.size ? r : best), undefined);

  // All fields from the start, as for the lines: one shape, whatever the page holds.
  const analysis: Analysis = { lines, header, article: undefined, leading: undefined, trailing: undefined, hits: [] };
  if (!body) {
    yield* flagUnknownSteps(analysis, firstLine, budget);
    return analysis;
  }
  if (ctx) yield* siteEvidenceSteps(doc, ctx, lines, firstLine, body, budget);

  // Short sentences just above the first long paragraph belong to the body.
  for (let i = body.first - 1; i >= firstLine; i--) {
    const l = lines[i];
    if (l.empty) continue;
    if (l.cls || l.metadata || siteLine(l) || !isSentenceLike(l.view)) break;
    body.first = i;
  }

  // Headline: walk up from the body.
  let headline = body.first;
  let titleSeen = false;
  let titles = 0;
  // The nearest shared title-like line: the headline after all when no other title is
  // found (a column's recurring title, 协作工作周报, that every issue on the site carries).
  let sharedTitle = -1;
  let shortTitle = -1;
  for (let i = body.first - 1, steps = 0; i >= firstLine && steps < 16; i--) {
    const l = lines[i];
    if (l.empty) continue;
    steps++;
    if (l.metadata) continue;
    // A section number (01, 02: WeChat's numbered parts) over a title: that title heads a
    // section of the body, and the headline is further up.
    if (/^0\d$/.test(l.view)) {
      headline = body.first;
      titleSeen = false;
      titles = 0;
      continue;
    }
    // Share bars, font-size switches and app prompts often sit between headline and body.
    if (l.cls && !titleSeen && PASSABLE_ABOVE_BODY.has(l.cls.kind)) continue;
    // Furniture between body and headline (a bar of section links, a comment count) is
    // passed over while a byline or dateline with a title above it shows the headline is
    // further up.
    if (l.cls && !titleSeen && titleAboveMetadata(lines, i, firstLine)) continue;
    if (terminates(l)) break;
    // A site banner or menu the site's other pages carry too is not the headline.
    if (siteLine(l)) {
      if (titleSeen) break;
      if (sharedTitle < 0 && isTitleLike(l.view)) sharedTitle = i;
      continue;
    }
    if (DATE_TIME_ONLY.test(l.view) || DATELINE.test(l.view)) {
      if (titleSeen) break; // a date above the headline is the page's date widget
      continue;
    }
    if (l.cls) {
      if (titleSeen) break;
      continue;
    }
    // A subtitle (——记…, — a dash first) is under the headline: the headline is further up.
    if (!titleSeen && /^[—–-]{1,2}\s*\S/.test(l.view) && l.words >= 4) continue;
    // A headline and at most one more title line (a kicker or a subtitle above the body).
    if (isTitleLike(l.view) && !isEnglishCaption(l.view) && titles < 2) {
      headline = i;
      titleSeen = true;
      titles++;
      continue;
    }
    if (titleSeen) break;
    // Short unrecognised lines (a toolbar, a byline) are passed over until the headline;
    // the nearest is the headline after all when no title turns up (两地签约, China, Laos boost ties).
    if (isLoneToken(l.view) || isEnglishCaption(l.view) || isChineseCaption(l.view) || l.words <= 10) {
      if (shortTitle < 0 && !/[。，,；;:：!！?？]$/.test(l.view)) shortTitle = i;
      continue;
    }
    break;
  }

  if (!titleSeen && sharedTitle >= 0) {
    headline = sharedTitle;
    lines[sharedTitle].shared = undefined;
  } else if (!titleSeen && shortTitle >= 0) headline = shortTitle;

  // The article's end: up to the first page furniture below the body, the last line
  // of text (short closing paragraphs, after subheadings and list items) and the
  // metadata after it.
  let bodyEnd = body.last;
  let end = body.last;
  for (let i = body.last + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.empty) continue;
    if (terminates(l) && !headsRunningText(lines, i)) break;
    if (l.metadata) end = i;
    else if (isEnglishCaption(l.view) || isChineseCaption(l.view)) continue;
    else if ((!l.cls || l.cls.weak) && (l.paragraph || isSentenceLike(l.view) || isClosingMark(l.view))) bodyEnd = end = i;
    if (budget.spend()) yield;
  }
  analysis.article = { headline, bodyStart: body.first, bodyEnd, end };

  // A date on its own line above the headline, often with the weekday
  // (`2024年05月31日 星期五`), is the portal's clock: the day the page was served, not
  // the article's date, so it is furniture (seed 003's gold labels say so too). Its
  // removal is safe while the page states a date of its own (发布日期:, a dateline
  // under the headline); without one it is the only trace of the year, and stays a guess.
  let ownDate = false;
  for (let i = firstLine; i < lines.length; i++) {
    const l = lines[i];
    l.zone =
      i < headline ? 'leading'
      : i === headline ? 'headline'
      : i < body.first ? 'intro'
      : i <= bodyEnd ? 'body'
      : i <= end ? 'tail'
      : 'trailing';
    ownDate ||=
      i >= headline &&
      (l.metadata?.some((p) => p.key === 'date') === true || (l.zone === 'intro' && (DATE_TIME_ONLY.test(l.view) || DATELINE.test(l.view))));
    if (budget.spend()) yield;
  }
  if (!ownDate) {
    for (let i = firstLine; i < headline; i++) if (lines[i].cls?.kind === 'debris' && DATE_TIME_ONLY.test(lines[i].view)) lines[i].onlyDate = true;
  }

  analysis.leading = yield* makeBlockSteps(budget, 'leading', lines, firstLine, headline - 1);
  // The trailing block starts at the first page furniture after the article: lines
  // between the article's end and it (a dangling subheading, a short line) are not
  // known to be noise and stay out of the block.
  let trailingFirst = -1;
  for (let i = end + 1; i < lines.length; i++) {
    if (terminates(lines[i]) && !headsRunningText(lines, i)) {
      trailingFirst = i;
      break;
    }
    if (budget.spend()) yield;
  }
  // Corpus evidence extends it upwards over lines other files share (a site name, a
  // menu no pattern knows), and without furniture finds it at all: the file's last
  // lines after the article, when every one is the site's. Prose is not pulled in, and
  // what the corpus alone put there stays a guess: after the article, a line every page
  // of a site carries may be an office's signature or a notice's date, article text.
  // Organiser and contact lines right above the footer are the footer's too.
  const sharedTail = (l: LineInfo) => l.empty || (l.shared !== undefined && !l.metadata && !isProse(l)) || (trailingFirst >= 0 && l.cls?.weak === true && !isProse(l));
  let from = trailingFirst >= 0 ? trailingFirst : lines.length;
  // Where the recognised furniture starts: lines above it are in the block on corpus evidence.
  const furnitureFirst = from;
  while (from - 1 > end && sharedTail(lines[from - 1])) from--;
  if (trailingFirst < 0) {
    const tail = lines.slice(from).filter((l) => !l.empty);
    if (tail.length > 0 && tail.every(siteLine)) trailingFirst = from;
  } else trailingFirst = from;
  for (let i = Math.max(trailingFirst, 0); trailingFirst >= 0 && i < furnitureFirst; i++) if (lines[i].shared) lines[i].pulled = true;
  while (trailingFirst >= 0 && lines[trailingFirst].empty) trailingFirst++;
  // A visit counter below the site footer (`Visits: 12,569,834`, 浏览次数：48231 after the
  // ICP line) counts the site's visitors, not the article's readers: furniture. Above
  // the footer, by the article, the same label is the article's view count: metadata.
  let footerSeen = false;
  for (let i = Math.max(trailingFirst, 0); trailingFirst >= 0 && i < lines.length; i++) {
    const l = lines[i];
    if (l.cls?.kind === 'footer') footerSeen = true;
    else if (footerSeen && l.metadata && l.metadata.every((p) => p.key === 'views')) {
      l.metadata = undefined;
      l.cls = { kind: 'debris', what: "the site's visit counter in its footer", weak: undefined, inline: undefined };
    }
    if (budget.spend()) yield;
  }
  if (trailingFirst >= 0 && trailingFirst < lines.length) analysis.trailing = yield* makeBlockSteps(budget, 'trailing', lines, trailingFirst, lines.length - 1, furnitureFirst);
  if (analysis.leading && analysis.leading.remove.filter((i) => !lines[i].empty).length === 0) analysis.leading = undefined;

  yield* flagLinesSteps(doc, analysis, budget);
  return analysis;
}

function isProse(l: LineInfo): boolean {
  return l.paragraph || isSentenceLike(l.view);
}

/** Above line i (over blank lines and furniture): a metadata line, and right above it a title-like line. */
function titleAboveMetadata(lines: LineInfo[], i: number, firstLine: number): boolean {
  let j = i - 1;
  while (j >= firstLine && (lines[j].empty || (lines[j].cls && lines[j].cls!.kind !== 'footer'))) j--;
  if (j < firstLine || !lines[j].metadata) return false;
  while (j >= firstLine && (lines[j].empty || lines[j].metadata)) j--;
  return j >= firstLine && !lines[j].cls && isTitleLike(lines[j].view);
}

/** A teaser-like heading directly followed by running text is a subheading of the article. */
function headsRunningText(lines: LineInfo[], i: number): boolean {
  if (lines[i].cls?.kind !== 'teaser-heading') return false;
  let j = i + 1;
  while (j < lines.length && lines[j].empty) j++;
  // Or a full sentence (not a title cut off with …).
  const next = lines[j];
  return j < lines.length && (next.paragraph || (!next.cls && !next.metadata && isSentenceLike(next.view) && /[。！？!?]["”’」』)）]?$/.test(next.view)));
}

/** `evidenceUntil`: lines before it are in a trailing block on corpus evidence alone. */
function* makeBlockSteps(budget: StepBudget, kind: Block['kind'], lines: LineInfo[], from: number, to: number, evidenceUntil = from): Generator<void, Block | undefined, void> {
  let first = -1;
  let last = -1;
  const remove: number[] = [];
  const keep: number[] = [];
  const unexplained: number[] = [];
  const onlyDate: number[] = [];
  const kinds = new Map<string, number>();
  let inTeaserList = false;
  let furnitureSeen = false;
  for (let i = from; i <= to; i++) {
    if (budget.spend()) yield;
    const l = lines[i];
    if (l.empty) {
      remove.push(i);
      continue;
    }
    if (first < 0) first = i;
    last = i;
    if (l.metadata) {
      keep.push(i);
      continue;
    }
    remove.push(i);
    if (l.onlyDate) onlyDate.push(i);
    const k = l.cls?.kind ?? (l.shared ? 'shared' : 'other');
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
    // Prose the site's other pages carry before the headline (欢迎访问…网站！) is the site's;
    // after the article it may be a closing formula a whole office shares: still a guess.
    if (!l.cls && siteLine(l) && kind === 'leading') continue;
    // A line in the trailing block on corpus evidence alone is a guess (see above).
    if (l.pulled && kind === 'trailing' && i < evidenceUntil) {
      unexplained.push(i);
      continue;
    }
    if (l.cls?.kind === 'teaser-heading') inTeaserList = true;
    else if (terminates(l)) inTeaserList = false;
    // A cut-off paragraph right after the body, before any furniture, may be the article's own.
    if (l.cls?.kind === 'truncated-teaser' && !furnitureSeen && kind === 'trailing' && isParagraphLike(l.view)) unexplained.push(i);
    if (terminates(l)) furnitureSeen = true;
    // Prose a pattern only weakly recognised (a sentence mentioning 扫码关注) reads like article text too.
    if ((!l.cls || l.cls.weak) && (l.paragraph || isSentenceLike(l.view)) && (!inTeaserList || kind === 'leading')) unexplained.push(i);
    else if (!l.cls && l.paragraph && inTeaserList && l.words > 120) unexplained.push(i);
  }
  if (first < 0) return undefined;
  // The block is first..last: lines without substance beyond them (blank, or a lone ?
  // standing for lost characters, which is the lost-character rule's) are not its to
  // remove; the removal takes the blank lines next to it itself, to keep the spacing.
  const inside = remove.filter((i) => i >= first && i <= last);
  remove.length = 0;
  remove.push(...inside);
  // Blank lines at the block's edges belong to it only when it runs to the file's edge.
  if (kind === 'leading') {
    // The lines right above the headline, after the last recognised furniture: a
    // missed headline or first sentence would be here.
    // Share bars, app prompts and stamps are passed over: they sit between headline and
    // body, so a headline taken for furniture would be above them.
    // The unrecognised line right above the headline may be a short headline (两地签约) above a
    // subtitle taken for it.
    let nearest = true;
    for (let i = to; i >= from; i--) {
      if (budget.spend()) yield;
      const l = lines[i];
      if (l.empty || l.metadata) continue;
      // Lines the site's other pages carry are passed over too: a title above them may be the headline.
      if ((l.cls && PASSABLE_ABOVE_BODY.has(l.cls.kind)) || (!l.cls && siteLine(l))) {
        nearest = false;
        continue;
      }
      if (l.cls) break;
      // Not a site's or department's name (新聞局, 入口網站, 日报): those head pages, not articles.
      const short = nearest && !/[:：]$/.test(l.view) && !SITE_NAME.test(l.view);
      nearest = false;
      // A site's own name (…入口網站, …门户网站) reads like a title but heads the page, not the article.
      const title = isTitleLike(l.view) && !SITE_BANNER.test(l.view);
      if ((short || title || isSentenceLike(l.view) || l.paragraph) && !unexplained.includes(i)) unexplained.push(i);
    }
    // A title-like line right above a byline or dateline in the block is a headline the
    // walk up from the body did not reach (a menu-like share bar stood between).
    for (let i = from; i <= to; i++) {
      if (budget.spend()) yield;
      const l = lines[i];
      if (l.empty || l.metadata || l.cls || siteLine(l) || !isTitleLike(l.view)) continue;
      let j = i + 1;
      while (j <= to && lines[j].empty) j++;
      if (j <= to && lines[j].metadata && !unexplained.includes(i)) unexplained.push(i);
    }
    unexplained.sort((x, y) => x - y);
  }
  return { kind, first, last, remove, keep, unexplained, onlyDate, safe: unexplained.length === 0 && onlyDate.length === 0, kinds };
}

/** Some line in first..last is one a block found to read like article text. */
function unsure(a: Analysis, first: number, last: number): boolean {
  const has = (b: Block | undefined) => b !== undefined && b.unexplained.some((i) => i >= first && i <= last);
  return has(a.leading) || has(a.trailing);
}

/** Line i is removed by the block b (metadata lines in it are kept). */
function inThisBlock(b: Block | undefined, i: number): boolean {
  return b !== undefined && i >= b.first && i <= b.last && !b.keep.includes(i);
}

function inSafeBlock(a: Analysis, i: number): boolean {
  return (a.leading?.safe === true && inThisBlock(a.leading, i)) || (a.trailing?.safe === true && inThisBlock(a.trailing, i));
}

function inBlock(a: Analysis, i: number): boolean {
  return inThisBlock(a.leading, i) || inThisBlock(a.trailing, i);
}

/** The extent of the teaser list under a heading: short lines, truncated lines, stamps. */
function teaserListEnd(lines: LineInfo[], heading: number, headline: number): number {
  let last = heading;
  // A list above the headline ends before it: the headline is never a link of the list.
  const limit = heading < headline ? headline : lines.length;
  for (let i = heading + 1; i < limit; i++) {
    const l = lines[i];
    if (l.empty) continue;
    if (l.metadata) break;
    if (l.cls && l.cls.kind !== 'debris' && l.cls.kind !== 'truncated-teaser') break;
    // A full sentence is article text or a summary, not a link.
    if (l.paragraph || isSentenceLike(l.view)) break;
    last = i;
  }
  return last;
}

function push(a: Analysis, hit: LineHit): void {
  if (inBlock(a, hit.first)) hit.severity = 'hint';
  a.hits.push(hit);
}

function classHit(l: LineInfo, safe: boolean): LineHit {
  return { rule: RULE_OF[l.cls!.kind], first: l.index, last: l.index, message: capitalise(l.cls!.what), safe };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function metadataHit(l: LineInfo, pairs: MetadataPair[], how: string): LineHit {
  const keys = pairs.map((p) => p.key).join(', ');
  return { rule: 'metadata-line', first: l.index, last: l.index, message: `${how} (${keys}): metadata, not article text`, safe: false, pairs };
}

function datelinePairs(view: string): MetadataPair[] | undefined {
  const m = DATELINE.exec(view);
  if (!m) return undefined;
  const pairs: MetadataPair[] = [{ key: 'date', label: '', value: (m[1] + (m[2] ?? '')).trim() }];
  if (m[5]) pairs.push({ key: 'source', label: '', value: m[5].trim() });
  return pairs;
}

function* flagLinesSteps(doc: SeedDocument, a: Analysis, budget: StepBudget): Generator<void, void, void> {
  const { lines, article } = a;
  if (!article) return;
  // Read by few lines (captions and lone words near the body): counted when first asked.
  let englishDoc: boolean | undefined;
  const isEnglish = () => (englishDoc ??= latinWordCount(doc.text) > hanCount(doc.text));
  const headlineKey = compact(lines[article.headline].view);
  const headlineKept = lines[article.headline].kept;
  let teaserUntil = -1;
  for (const l of lines) {
    if (budget.spend()) yield;
    if (l.zone === 'header' || l.empty || l.index === article.headline) continue;
    const i = l.index;
    if (l.metadata) {
      a.hits.push(metadataHit(l, l.metadata, 'Metadata line'));
      continue;
    }
    if (i <= teaserUntil) continue;
    if (headlineKey.length >= 4 && l.kept === headlineKept && compact(l.view) === headlineKey) {
      push(a, { rule: 'boilerplate-duplicate-title', first: i, last: i, message: `Duplicate of the headline on line ${article.headline + 1}`, safe: true });
      continue;
    }
    const zone = l.zone;
    if (l.cls) {
      const kind = l.cls.kind;
      // In the body only what is never article text; a labelled counter (阅读 1024) is such.
      if (zone === 'body' && (!STRONG_IN_BODY.has(kind) || l.cls.weak) && l.cls.what !== COUNTER_WHAT) continue;
      if (kind === 'teaser-heading') {
        const last = teaserListEnd(lines, i, article.headline);
        teaserUntil = last;
        const items = lines.slice(i + 1, last + 1).filter((x) => !x.empty).length;
        push(a, {
          rule: 'boilerplate-teaser-heading',
          first: i,
          last,
          message: items > 0 ? `Teaser list: a heading of links to other pages and the ${items} line${items === 1 ? '' : 's'} under it` : 'Heading of a teaser list',
          // Never safe over a line the block itself is unsure of (a possible headline).
          safe: zone !== 'body' && zone !== 'intro' && !unsure(a, i, last),
        });
        continue;
      }
      if (zone === 'intro' && (DATE_TIME_ONLY.test(l.view) || DATELINE.test(l.view))) {
        // Between headline and body a date is the article's dateline.
        a.hits.push(metadataHit(l, datelinePairs(l.view) ?? [{ key: 'date', label: '', value: l.view }], 'Dateline'));
        continue;
      }
      // A notice's date under its signature (青禾县商务局 / 2025年8月1日) is the notice's own.
      if (zone !== 'leading' && isSignedDate(lines, i)) continue;
      let safe = kind === 'truncated-teaser' ? zone === 'trailing' || zone === 'leading' : !l.onlyDate;
      // Outside the blocks, after the article's end: weak furniture, and a date on its own
      // (a notice's date under its signature), may be the article's.
      if (zone !== 'leading' && !inSafeBlock(a, i) && (l.cls.weak || DATE_TIME_ONLY.test(l.view))) safe = false;
      const hit = classHit(l, safe);
      if (zone === 'leading' && DATE_TIME_ONLY.test(l.view)) {
        hit.message = l.onlyDate
          ? "Date above the headline, the portal's clock; it is the page's only date, so removing it is a guess"
          : "Date above the headline: the portal's clock (the day the page was served), not the article's date";
      }
      push(a, hit);
      continue;
    }
    if (zone === 'intro') {
      const pairs = datelinePairs(l.view);
      if (pairs) {
        a.hits.push(metadataHit(l, pairs, 'Dateline'));
        continue;
      }
      if (isLoneToken(l.view) && !(isEnglishCaption(l.view) && isEnglish()) && !ARTICLE_PART.test(l.view)) {
        push(a, { rule: 'boilerplate-debris', first: i, last: i, message: 'Lone word between headline and body (a byline role, channel or menu label)', safe: false });
        continue;
      }
    }
    if (zone === 'intro' || zone === 'body' || zone === 'tail') {
      if (isCaptionResidue(l.view, isEnglish)) {
        push(a, { rule: 'boilerplate-caption-residue', first: i, last: i, message: 'Photo caption residue (the photo is gone)', safe: false });
      }
    }
  }
}

const SITE_BANNER = /(网站|门户|(资讯|信息|新闻|政务|政府|门户|在线)网|客户端|频道|官网|欢迎您|欢迎你)$/i;
const SITE_NAME = /(网站|门户|网|频道|客户端|局|政府|中心|办公室|委员会|日报|晚报|报|电视台|融媒|发布|新闻社|通讯社|online|news|daily|times|post)$/i;
const ISSUER = /(局|委员会|委|办公室|办公厅|办|政府|中心|厅|部|院|会|处|所|站|社|公司|集团|党委|支部|组)$/;

/** A date written out (2025年8月1日) right under an issuer's name: the signature of a notice or letter. */
function isSignedDate(lines: LineInfo[], i: number): boolean {
  if (!/^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(lines[i].view)) return false;
  let j = i - 1;
  while (j >= 0 && lines[j].empty) j--;
  if (j < 0) return false;
  const above = lines[j];
  return !above.cls && !above.metadata && hanCount(above.view, 31) >= 3 && hanCount(above.view, 31) <= 30 && !/[。，,：:]/.test(above.view) && ISSUER.test(above.view);
}

/** No article found: recognised lines are still reported, with their own strength. */
function* flagUnknownSteps(a: Analysis, firstLine: number, budget: StepBudget): Generator<void, void, void> {
  for (let i = firstLine; i < a.lines.length; i++) {
    if (budget.spend()) yield;
    const l = a.lines[i];
    if (l.empty) continue;
    if (l.metadata) a.hits.push(metadataHit(l, l.metadata, 'Metadata line'));
    else if (l.cls) a.hits.push(classHit(l, l.cls.kind !== 'truncated-teaser' && l.cls.kind !== 'debris'));
  }
}

export function blockSummary(b: Block): string {
  const names: Record<string, string> = {
    'seo-spam': 'SEO spam', 'app-prompt': 'app/login prompts', breadcrumb: 'breadcrumb', 'share-widget': 'share widgets',
    'comment-stub': 'comment stubs', 'teaser-heading': 'teaser lists', footer: 'footer', 'end-trailer': 'END trailer',
    'truncated-teaser': 'truncated teasers', debris: 'stamps and counters', shared: 'lines other files share', other: 'other lines',
  };
  return [...b.kinds.entries()].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${names[k] ?? k} ${n}`).join(', ');
}
