// fast-check generators of seed-like text: lines of the real seeds, mutated with the
// damage the rules look for (pinyin annotations, lost `?`, raw entities, mojibake,
// invisible characters) and with the awkward parts of JavaScript strings (astral
// characters, CRLF/CR line breaks, a BOM). Shared by test/unit/properties.test.ts
// and bench/fuzz.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';

const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');

/** The text of every seed file, in name order. */
export const SEED_TEXTS: readonly string[] = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(SEEDS_DIR, f), 'utf8'));

/** Every line of the seeds (without its break), blank ones included. */
export const SEED_LINES: readonly string[] = SEED_TEXTS.flatMap((t) => t.split(/\r\n|\r|\n/));

const HAN_LINES = SEED_LINES.filter((l) => /\p{Script=Han}/u.test(l));

// Han characters with a toned reading, some Traditional, some astral-free, for annotations.
const ANNOTATED: readonly [string, string][] = [
  ['發', 'fā'], ['展', 'zhǎn'], ['區', 'qū'], ['團', 'tuán'], ['來', 'lái'], ['濟', 'jì'],
  ['開', 'kāi'], ['風', 'fēng'], ['協', 'xié'], ['了', 'le'], ['中', 'zhōng'], ['國', 'guó'],
  ['行', 'háng'], ['行', 'xíng'], ['長', 'zhǎng'], ['重', 'chóng'], ['女', 'nǚ'], ['嗯', 'ńg'],
];

const ENTITIES = [
  '&middot;', '&nbsp;', '&amp;', '&lt;', '&quot;', '&#12289;', '&#x4e2d;', '&#X1F600;', '&#0;',
  '&#xD800;', '&#9999999;', '?middot;', '?nbsp;', '\uFFFDldquo;', 'really?not;', '&bogus;', '&', '&#;', '&&amp;;',
];

const ASTRAL = ['𠀀', '𪚥', '😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', '𝐀', '𠮷'];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e', '\u2028', '\u0000', '\u0007', '\u0085', '\u009d', '\u3000', '\u00a0'];
const LOST = ['?', '? ', '? ? ', '\uFFFD', '??', '?(fā)', '?(zhǎn)', '? ?'];
const MOJIBAKE_SAMPLES = ['é¦–é¡µ', 'Ã©', 'â€™', 'â€œquotedâ€\u009d', 'Ð¿Ñ€Ð¸', '鍙戝睍', '锟斤拷', '烫烫烫', 'ÖÐ¹ú', '¤¤°ê', 'æ–°é—»', 'Â\u00a0'];
const PUNCT = ['(', ')', '（', '）', '(fā', 'fā)', '“', '”', '>', '|', '：', ':', '-', '—', '…', '\t', ' ', '  '];

/** A seed line, or a random slice of a Chinese one (at code point boundaries). */
const seedLine: fc.Arbitrary<string> = fc.constantFrom(...SEED_LINES);

function codePoints(s: string): string[] {
  return Array.from(s);
}

/** Chinese text from the seeds re-read with the wrong codec: real mojibake, sometimes with lost bytes. */
const madeMojibake: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...HAN_LINES), fc.nat(), fc.integer({ min: 1, max: 12 }), fc.constantFrom(
    ['utf8', 'gbk'], ['utf8', 'big5'], ['utf8', 'latin1'], ['utf8', 'win1252'], ['gbk', 'big5'], ['big5', 'gbk'], ['gbk', 'utf8'], ['big5', 'utf8'],
  ))
  .map(([line, at, len, [from, to]]) => {
    const cps = codePoints(line);
    const start = at % cps.length;
    const piece = cps.slice(start, start + len).join('');
    return iconv.decode(iconv.encode(piece, from), to);
  });

const annotation: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ANNOTATED).map(([h, p]) => `${h}(${p})`),
  fc.constantFrom(...ANNOTATED).map(([h, p]) => `${h}（${p}）`),
  // A wrong or nonsense syllable, which must not be taken for an annotation.
  fc.tuple(fc.constantFrom(...ANNOTATED), fc.stringMatching(/^[a-zāáǎàü]{1,8}$/)).map(([[h], p]) => `${h}(${p})`),
);

/** A short piece of damage or awkward text to splice into a line. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  annotation,
  fc.constantFrom(...ENTITIES),
  fc.constantFrom(...ASTRAL),
  fc.constantFrom(...INVISIBLE),
  fc.constantFrom(...LOST),
  fc.constantFrom(...MOJIBAKE_SAMPLES),
  madeMojibake,
  fc.constantFrom(...PUNCT),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

/** A seed line with fragments spliced in at code point boundaries, or cut short. */
export const mutatedLine: fc.Arbitrary<string> = fc
  .tuple(seedLine, fc.array(fc.tuple(fc.nat(), fragment), { maxLength: 4 }), fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }))
  .map(([line, splices, cut]) => {
    let cps = codePoints(line);
    if (cut) {
      const a = cut[0] % (cps.length + 1);
      const b = a + (cut[1] % (cps.length + 1 - a));
      if (b > a) cps = cps.slice(a, b);
    }
    for (const [at, piece] of splices) {
      const i = at % (cps.length + 1);
      cps.splice(i, 0, ...codePoints(piece));
    }
    return cps.join('');
  });

const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: mutatedLine },
  { weight: 2, arbitrary: seedLine },
  { weight: 1, arbitrary: fc.array(fragment, { maxLength: 5 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u3000\u3000', '?', '? ? ?', '\u00a0') },
);

export type LineBreakStyle = '\n' | '\r\n' | '\r' | 'mixed';

/** A whole document: lines, one line-break style (or a mixture), maybe a BOM and a final break. */
export const seedDocument: fc.Arbitrary<string> = fc
  .record({
    lines: fc.array(line, { minLength: 0, maxLength: 14 }),
    style: fc.constantFrom<LineBreakStyle>('\n', '\n', '\r\n', '\r', 'mixed'),
    mixed: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 14, maxLength: 14 }),
    bom: fc.boolean(),
    finalBreak: fc.boolean(),
  })
  .map(({ lines, style, mixed, bom, finalBreak }) => {
    let out = bom ? '\ufeff' : '';
    lines.forEach((l, i) => {
      out += l;
      if (i < lines.length - 1 || finalBreak) out += style === 'mixed' ? mixed[i] : style;
    });
    return out;
  });

/** A whole seed file with a few mutated lines: real article structure for the boilerplate rules. */
export const mutatedSeed: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SEED_TEXTS), fc.array(fc.tuple(fc.nat(), mutatedLine), { maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([text, replacements, br, bom]) => {
    const lines = text.split(/\r\n|\r|\n/);
    for (const [at, l] of replacements) lines[at % lines.length] = l;
    return (bom ? '\ufeff' : '') + lines.join(br);
  });

/** What the properties and the fuzz run feed the engine. */
export const anyDocument: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: seedDocument }, { weight: 1, arbitrary: mutatedSeed });

/** Text over a small alphabet rich in the awkward cases of offset arithmetic. */
export const positionText: fc.Arbitrary<string> = fc
  .array(fc.constantFrom('a', '中', '𠀀', '😀', '\r\n', '\r', '\n', '\n\r', '\ufeff', ' ', '?'), { maxLength: 40 })
  .chain((parts) => fc.boolean().map((bom) => (bom ? '\ufeff' : '') + parts.join('')));

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/** True when the text holds a surrogate that is not half of a pair. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c)) {
      if (isLowSurrogate(text.charCodeAt(i + 1))) i++;
      else return true;
    } else if (isLowSurrogate(c)) return true;
  }
  return false;
}
