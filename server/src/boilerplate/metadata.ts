// Metadata lines (来源:, 发布日期:, 编辑:, (摄影:…), Author:… Time:…, 关键词:) and the
// metadata header they can be moved into:
//
//   ---
//   source: 苏州日报
//   date: 2024-05-27
//   ---
//
// at the very top of the file: a line `---`, one `key: value` per line with a
// lower-case ASCII key, and a closing `---`. Keys are canonical (source, via, date,
// author, reporter, editor, photo, keywords, title for 原标题, views for a labelled
// view count); values are kept as written.
import type { SeedDocument } from '../core/document';
import { toSimplified } from './normalise';

export type MetadataKey = 'title' | 'source' | 'via' | 'date' | 'author' | 'reporter' | 'editor' | 'photo' | 'keywords' | 'views';

export const LABELS: Record<MetadataKey, string[]> = {
  title: ['原标题', '原题', 'original title'],
  source: ['发布单位', '发文单位', '发布机构', '发布者', '发布人', '信息来源', '新闻来源', '文章来源', '稿件来源', '来源', '稿源', '出处', '出品', 'source'],
  via: ['转载自', '转载于', '转自', '转载', 'via', 'reposted from'],
  date: ['updated', 'last updated', 'release time', 'publish time', 'publication time', 'update time', 'updated time', 'release date', 'publish date', 'publication date', 'published on', 'posted on', 'date published', '发布日期', '发布时间', '发表日期', '发表时间', '更新日期', '更新时间', '成文日期', '日期', '时间', 'date', 'time', 'published', 'posted'],
  author: ['作者', '撰稿', '撰文', 'author', 'by', 'written by'],
  reporter: ['记者', '通讯员', '特约记者', 'reporter', 'correspondent'],
  editor: [
    'web editor', 'chief editor', 'executive editor', '网络编辑', '责任编辑', '值班编辑', '编辑', '责编', '编审', '审核', '审校', '校对', '签发', '初审', '复审', '终审', '一审', '二审', '三审',
    '主编', '监制', '策划', '统筹', '剪辑', '视频制作', '制作', '设计', 'editor',
  ],
  photo: ['摄影', '摄像', '图片来源', '图片', '摄', '图', 'photo', 'photos', 'photographer', 'photo by'],
  keywords: ['关键词', '关键字', '标签', 'keywords', 'tags'],
  views: ['visits', 'visitors', 'page views', 'hits', 'clicks', '点阅次数', '点阅数', '浏览次数', '浏览数', '阅读次数', '阅读数', '点击次数', '点击数', '点击量', '访问次数', '访问量', '浏览量', '阅读量', '浏览', '点击', '人气', 'views'],
};

export const METADATA_KEYS = Object.keys(LABELS) as MetadataKey[];

const PINYIN_ANNOTATION = /(\p{Script=Han})[(（][a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7}[)）]/gu;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let keyRegex: RegExp | undefined;
let labelToKey: Map<string, MetadataKey> | undefined;

/**
 * The forms OpenCC gives each label that has others (cn→t, cn→tw, cn→hk, in that order,
 * each once): written out, not converted at start-up, which loaded OpenCC's phrase and
 * regional dictionaries (~130 ms of CPU and 22 MB of heap when script-variant does not load
 * them anyway) for some 150 labels. test/unit/boilerplate-labels.test.ts converts them
 * again and fails when a label or a dictionary changes.
 */
export const TRADITIONAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  原标题: ['原標題'],
  原题: ['原題'],
  发布单位: ['發佈單位'],
  发文单位: ['發文單位'],
  发布机构: ['發佈機構'],
  发布者: ['發佈者'],
  发布人: ['發佈人'],
  信息来源: ['信息來源'],
  新闻来源: ['新聞來源'],
  文章来源: ['文章來源'],
  稿件来源: ['稿件來源'],
  来源: ['來源'],
  出处: ['出處'],
  转载自: ['轉載自'],
  转载于: ['轉載於'],
  转自: ['轉自'],
  转载: ['轉載'],
  发布日期: ['發佈日期'],
  发布时间: ['發佈時間'],
  发表日期: ['發表日期'],
  发表时间: ['發表時間'],
  更新时间: ['更新時間'],
  时间: ['時間'],
  记者: ['記者'],
  通讯员: ['通訊員'],
  特约记者: ['特約記者'],
  网络编辑: ['網絡編輯'],
  责任编辑: ['責任編輯'],
  值班编辑: ['值班編輯'],
  编辑: ['編輯'],
  责编: ['責編'],
  编审: ['編審'],
  审核: ['審覈', '審核'],
  审校: ['審校'],
  校对: ['校對'],
  签发: ['簽發'],
  初审: ['初審'],
  复审: ['複審'],
  终审: ['終審'],
  一审: ['一審'],
  二审: ['二審'],
  三审: ['三審'],
  主编: ['主編'],
  监制: ['監製'],
  策划: ['策劃'],
  统筹: ['統籌'],
  剪辑: ['剪輯'],
  视频制作: ['視頻製作'],
  制作: ['製作'],
  设计: ['設計'],
  摄影: ['攝影'],
  摄像: ['攝像'],
  图片来源: ['圖片來源'],
  图片: ['圖片'],
  摄: ['攝'],
  图: ['圖'],
  关键词: ['關鍵詞'],
  关键字: ['關鍵字'],
  标签: ['標籤'],
  点阅次数: ['點閱次數', '點閲次數'],
  点阅数: ['點閱數', '點閲數'],
  浏览次数: ['瀏覽次數'],
  浏览数: ['瀏覽數'],
  阅读次数: ['閱讀次數', '閲讀次數'],
  阅读数: ['閱讀數', '閲讀數'],
  点击次数: ['點擊次數'],
  点击数: ['點擊數'],
  点击量: ['點擊量'],
  访问次数: ['訪問次數'],
  访问量: ['訪問量'],
  浏览量: ['瀏覽量'],
  阅读量: ['閱讀量', '閲讀量'],
  浏览: ['瀏覽'],
  点击: ['點擊'],
  人气: ['人氣'],
};

/** Labels in Simplified and both Traditional forms, longest first. */
function labels(): { regex: RegExp; map: Map<string, MetadataKey> } {
  if (!keyRegex || !labelToKey) {
    labelToKey = new Map();
    for (const key of METADATA_KEYS) {
      for (const label of LABELS[key]) {
        for (const form of [label, ...(Object.hasOwn(TRADITIONAL_FORMS, label) ? TRADITIONAL_FORMS[label] : [])]) {
          labelToKey.set(form.toLowerCase(), key);
        }
      }
    }
    const alternatives = [...labelToKey.keys()].sort((a, b) => b.length - a.length).map(escape);
    // A label at the start of the line or after a separator, then a colon.
    // Also any short label ending in 来源 or 编辑 (资料来源, 消息来源, 网络编辑).
    alternatives.push('\\p{Script=Han}{1,4}来源', '\\p{Script=Han}{1,3}编辑', '\\p{Script=Han}{1,4}(?:日期|时间)');
    keyRegex = new RegExp(`(^|[\\s|/(\\[【])(${alternatives.join('|')})\\s*:\\s*`, 'giu');
  }
  return { regex: keyRegex, map: labelToKey };
}

export interface MetadataPair {
  key: MetadataKey;
  label: string;
  value: string;
}

export interface ParsedMetadata {
  pairs: MetadataPair[];
}

/** The line as the parser reads it: pinyin annotations dropped, NFKC (full-width colons and brackets become ASCII). */
function prepare(line: string): string {
  const unannotated = line.includes('(') || line.includes('（') ? line.replace(PINYIN_ANNOTATION, '$1') : line;
  return unannotated.normalize('NFKC').trim();
}

// What the Traditional-to-Simplified conversion (OpenCC t→cn) can change: Han characters
// only, each to one Han character (a phrase to a phrase of as many). Other characters
// stay where they are, so a test on them gives the same answer before the conversion
// and, when it fails, saves it (test/unit/boilerplate.test.ts checks the dictionaries say so).
/** All a line of credits is made of: role words and names (Han), separators and white space. */
const CREDIT_CHARS = /^[\p{Script=Han}·\s/|｜:：、,，]+$/u;
/**
 * What may stand before the first colon of a labelled line: a separator, a label (Han, or
 * ASCII letters and spaces; ſ and the Kelvin sign fold to s and k case-insensitively) and
 * white space.
 */
const LABEL_CHARS = /^[\p{Script=Han}\sA-Za-z\u017f\u212a|/(\[【]*$/u;

let metadataMarks: Uint8Array | undefined;
/** A code unit whose NFKC form holds one of the marks below; one whose NFKC form is white space only. */
const MARK = 1;
const BLANK = 2;

/**
 * Every form parseMetadataLine accepts needs one of these in the prepared text: white
 * space (credits, bylines, a leading date), ':' (labels), '/' (photo credits), '|' (a
 * byline of parts), 转 (转载自…) or a bracket (a widget replaced by a space). NFKC maps
 * characters one by one (composition never makes or takes one of these) and the text is
 * trimmed, so a line none of whose characters inside its outer white space has an NFKC
 * form holding one is no metadata line: tested before the normalisation, per BMP code
 * unit from a table.
 */
function mayBeMetadata(line: string): boolean {
  if (!metadataMarks) {
    metadataMarks = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const nfkc = String.fromCharCode(c).normalize('NFKC');
      if (/[\s:/|转【[]/.test(nfkc)) metadataMarks[c] |= MARK;
      if (/^\s+$/.test(nfkc)) metadataMarks[c] |= BLANK;
    }
  }
  const marks = metadataMarks;
  let start = 0;
  let end = line.length;
  while (start < end && marks[line.charCodeAt(start)] & BLANK) start++;
  while (end > start && marks[line.charCodeAt(end - 1)] & BLANK) end--;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    // An astral character's NFKC form is not in the table.
    if (marks[c] & MARK || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/**
 * Parses a metadata line: it must open with a known label and a colon (inside an
 * optional bracket), as in `来源:苏州日报`, `(摄影:陈正宝)`, `Author:X Time:Y`.
 */
export function parseMetadataLine(line: string): ParsedMetadata | undefined {
  if (!mayBeMetadata(line)) return undefined;
  let text = prepare(line);
  // Widgets glued to a metadata line on government pages: 【字号:大 中 小】 【打印】.
  if (text.includes('【') || text.includes('[')) text = text.replace(/[【\[](字号|字體|字体|打印|列印|关闭|關閉|分享)[^】\]]*[】\]]/g, ' ');
  if (text.includes('字')) text = text.replace(/(字号|字體|字体)\s*:\s*[大中小\s]+$/, '');
  text = text.trim();
  if (text.length === 0 || text.length > 160) return undefined;
  const bracketed = /^[(\[【](.*)[)\]】]$/.exec(text);
  if (bracketed) text = bracketed[1].trim();
  // `(记者 张三)`: a bracketed credit without a colon.
  // `记者 陈大文` alone on its line: a credit of one or two names without a colon.
  const credit = bracketed
    ? /^(记者|記者|摄影|攝影|通讯员|通訊員|reporter|photo by)\s+(\S.{0,40})$/i.exec(text)
    : /^(记者|記者|摄影|攝影|通讯员|通訊員)\s+([\p{Script=Han}·]{2,6}(\s+[\p{Script=Han}·]{2,6})?)$/u.exec(text);
  if (credit) {
    const key = labels().map.get(credit[1].toLowerCase());
    if (key) return { pairs: [{ key, label: credit[1], value: credit[2].trim() }] };
  }
  const credits = parseCredits(text);
  if (credits) return { pairs: credits };
  // A photo credit on its own: [Photo/Xinhua], (Photo provided to chinadaily.com.cn).
  const photoCredit = /^photos?\s*(?:\/\s*|provided (?:to|by)\s+|by\s+)(\S.{0,60})$/i.exec(text);
  if (photoCredit && bracketed) return { pairs: [{ key: 'photo', label: 'Photo', value: photoCredit[1].trim() }] };
  // `本文转载自某某公众号`: where the text was taken from.
  const reposted = /^(?:本文)?(转载自|转自|转载于)\s*([^\s，。,:：]{2,30})$/u.exec(text);
  if (reposted && !bracketed) return { pairs: [{ key: 'via', label: reposted[1], value: reposted[2] }] };
  // WeChat's byline above an article: `原创 <account> <author>` (the account publishes it).
  // Names only: `原创 ...` under a teaser is a cut-off teaser line, not a byline.
  const original = /^原创\s+([\p{L}\p{N}_·-]{1,24})(?:\s+([\p{L}\p{N}_·-]{1,24}))?$/u.exec(text);
  if (original && !bracketed) {
    const pairs: MetadataPair[] = [{ key: 'source', label: '原创', value: original[1] }];
    if (original[2]) pairs.push({ key: 'author', label: '', value: original[2] });
    return { pairs };
  }
  const pairs = parseSegments(text);
  return pairs ? { pairs } : undefined;
}

const CREDIT_ROLE: Record<string, MetadataKey> = {
  记者: 'reporter', 本报记者: 'reporter', 特约记者: 'reporter', 见习记者: 'reporter', 实习记者: 'reporter', 融媒记者: 'reporter',
  通讯员: 'reporter', 实习生: 'reporter', 摄影: 'photo', 摄像: 'photo', 文: 'author', 图: 'photo', 文图: 'author', 图文: 'author',
  '文/图': 'author', '图/文': 'author', 撰文: 'author', 编辑: 'editor',
};
const ROLE_WORDS = String.raw`本报记者|特约记者|见习记者|实习记者|融媒记者|记者|通讯员|实习生|摄影|摄像|撰文|编辑`;
// A name is not a role word: `通讯员 李四 记者 王五` is two credits.
const HAN_NAME = String.raw`(?!(?:${ROLE_WORDS})(?:[\s/|｜:：]|$))[\p{Script=Han}·]{2,5}`;
// `通讯员 李四 记者 王五`, `本报记者 张三`, `文/张三`, `文｜张三 图｜李四`, `图/文：张三`: roles and names, nothing else.
const CREDIT_PART = new RegExp(
  String.raw`^(${ROLE_WORDS}|文\s*/\s*图|图\s*/\s*文|文图|图文|文|图)\s*(?:[/|｜:：]\s*|\s+)(${HAN_NAME}(?:[\s、,，]+${HAN_NAME})*)(?=\s|$)`,
  'u',
);
// `Written by Li Ming`, `By LI MING`, `Photo by Wang Wu`, `By Zhang San in Beijing`: a name of capitalised words only.
const EN_BYLINE_LEAD = /^((?:written|text|photos?)\s+by|by)\s+/i;
const EN_BYLINE_NAME = /^(?:[A-Z][A-Za-z'’-]+|[A-Z]{2,})(?:\s+(?:[A-Z][A-Za-z'’-]+|[A-Z]{2,})){0,3}(?:\s+in\s+[A-Z][A-Za-z]+)?(?:\s*(?:,|and)\s+[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){0,3})?$/;

function parseCredits(text: string): MetadataPair[] | undefined {
  const lead = EN_BYLINE_LEAD.exec(text);
  if (lead) {
    const name = text.slice(lead[0].length).trim();
    return EN_BYLINE_NAME.test(name) ? [{ key: /^photo/i.test(lead[1]) ? 'photo' : 'author', label: lead[1], value: name }] : undefined;
  }
  // A role is followed by a separator or a space: without one no credit can match, and
  // the conversion (which changes Han characters only) is not needed to know that.
  if (!/[\s/|｜:：]/u.test(text) || !CREDIT_CHARS.test(text)) return undefined;
  const simplified = toSimplified(text);
  const pairs: MetadataPair[] = [];
  let rest = simplified.trim();
  while (rest.length > 0) {
    const m = CREDIT_PART.exec(rest);
    if (!m) return undefined;
    const role = m[1].replace(/\s+/g, '');
    pairs.push({ key: CREDIT_ROLE[role] ?? 'author', label: role, value: m[2].trim() });
    rest = rest.slice(m[0].length).trim();
  }
  return pairs.length > 0 ? pairs : undefined;
}

const LEADING_DATE = /^(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?((?:\s+|(?<=日))\d{1,2}:\d{2}(:\d{2})?)?)\s+(?=\S)/;
const DOMAIN = /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|cn|net|org|gov|edu|hk|tw)(\.[a-z]{2})?$/i;

/**
 * `label: value` pairs from the start of the text; also a leading date
 * (`2024-04-18 09:12 来源:X`) and bylines of `|`-separated parts
 * (`By Li Wen | chinadaily.com.cn | Updated: 2024-03-12`).
 */
function parseSegments(text: string): MetadataPair[] | undefined {
  const date = LEADING_DATE.exec(text);
  if (date) {
    const rest = parseLabelled(text.slice(date[0].length));
    return rest ? [{ key: 'date', label: '', value: date[1] }, ...rest] : undefined;
  }
  if (!text.includes('|')) return parseLabelled(text);
  const pairs: MetadataPair[] = [];
  const unnamed: string[] = [];
  let labelled = 0;
  for (const part of text.split('|').map((p) => p.trim()).filter(Boolean)) {
    const parsed = parseLabelled(part);
    const by = /^by\s+(\S.{0,40})$/i.exec(part);
    if (parsed) {
      labelled++;
      pairs.push(...parsed);
    } else if (by) pairs.push({ key: 'author', label: 'By', value: by[1] });
    else if (DOMAIN.test(part)) pairs.push({ key: 'source', label: '', value: part });
    // A bare date between labelled parts: `Source: Xinhua | 2025-06-12 10:21:33 | Editor: huaxia`.
    else if (/^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(\s*\d{1,2}:\d{2}(:\d{2})?)?$/.test(part)) pairs.push({ key: 'date', label: '', value: part });
    // A publication's name between labelled parts: `By X | China Daily | Updated: …`.
    else if (/^[A-Z][A-Za-z.&'’-]*(\s+[A-Z][A-Za-z.&'’-]*){0,3}$|^[\p{Script=Han}·]{2,10}$/u.test(part)) unnamed.push(part);
    else return undefined;
  }
  const author = pairs.some((p) => p.key === 'author');
  // Unlabelled names only beside both a byline and a labelled part (never a menu of names).
  if (unnamed.length > 0) return labelled > 0 && author ? [...pairs, ...unnamed.map((value): MetadataPair => ({ key: 'source', label: '', value }))] : undefined;
  return labelled > 0 || author ? pairs : undefined;
}

/**
 * Maps an offset in `converted` to the same place in `text`, when the conversion went
 * code point for code point (as OpenCC's character mappings do); undefined when it did
 * not. A code point may change its length: 睍 (U+7747) becomes 𪾢 (U+2AFA2), so equal
 * offsets would cut a surrogate pair.
 */
function writtenOffsets(text: string, converted: string): ((offset: number) => number) | undefined {
  if (converted === text) return (offset) => offset;
  const map = new Map<number, number>();
  let t = 0;
  let c = 0;
  while (t < text.length && c < converted.length) {
    map.set(c, t);
    t += text.codePointAt(t)! > 0xffff ? 2 : 1;
    c += converted.codePointAt(c)! > 0xffff ? 2 : 1;
  }
  if (t !== text.length || c !== converted.length) return undefined;
  map.set(c, t);
  // Match offsets always fall on code point boundaries of the converted text.
  return (offset) => map.get(offset)!;
}

function parseLabelled(text: string): MetadataPair[] | undefined {
  // Every label ends in a colon (NFKC made full-width ones ASCII): most lines have none.
  const colon = text.indexOf(':');
  if (colon < 0 || !LABEL_CHARS.test(text.slice(0, colon))) return undefined;
  const { regex, map } = labels();
  // Labels are matched on the Simplified form (发布/發佈/發布 alike); values come from the text as written.
  const simplified = toSimplified(text);
  const asWritten = writtenOffsets(text, simplified);
  // The matches of the shared global expression (matchAll would copy it on every line).
  const matches: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(simplified); m; m = regex.exec(simplified)) {
    if (matches.length === 0 && m.index !== 0) return undefined;
    matches.push(m);
    if (m[0].length === 0) regex.lastIndex += (simplified.codePointAt(regex.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  if (matches.length === 0) return undefined;
  const pairs: MetadataPair[] = [];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    const valueStart = m.index! + m[0].length;
    const valueEnd = i + 1 < matches.length ? matches[i + 1].index! + matches[i + 1][1].length : simplified.length;
    const value = (asWritten ? text.slice(asWritten(valueStart), asWritten(valueEnd)) : simplified.slice(valueStart, valueEnd))
      .trim()
      .replace(/[,;，；|]+$/, '')
      .trim();
    const label = m[2].toLowerCase();
    const key = map.get(label) ?? (label.endsWith('来源') ? 'source' : /(日期|时间)$/.test(label) ? 'date' : 'editor');
    if (value.length === 0) continue;
    pairs.push({ key, label: m[2], value });
  }
  if (pairs.length === 0) return undefined;
  // A prose sentence that merely starts with 时间: is not metadata.
  if (pairs.some((p) => /[。！？]/.test(p.value) || p.value.length > 80)) return undefined;
  return pairs;
}

export interface MetadataHeader {
  /** Line indexes of the opening and closing `---`. */
  open: number;
  close: number;
  entries: { key: string; value: string }[];
}

const HEADER_LINE = /^([a-z][a-z-]*):\s?(.*)$/;

/** The metadata header at the top of the file, if there is one. */
export function findHeader(doc: SeedDocument): MetadataHeader | undefined {
  if (doc.lineCount < 2 || doc.lineAt(0).text.trim() !== '---') return undefined;
  const entries: { key: string; value: string }[] = [];
  for (let i = 1; i < Math.min(doc.lineCount, 60); i++) {
    const text = doc.lineAt(i).text.trim();
    if (text === '---') return { open: 0, close: i, entries };
    const m = HEADER_LINE.exec(text);
    if (!m) return undefined;
    entries.push({ key: m[1], value: m[2].trim() });
  }
  return undefined;
}

/** `key: value` lines for the header; pairs the header already holds are left out. */
export function headerLines(pairs: readonly MetadataPair[], header: MetadataHeader | undefined): string[] {
  const seen = new Set((header?.entries ?? []).map((e) => `${e.key}\u0000${e.value}`));
  const out: string[] = [];
  for (const p of pairs) {
    const id = `${p.key}\u0000${p.value}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(`${p.key}: ${p.value.replace(/\s+/g, ' ')}`);
  }
  return out;
}
