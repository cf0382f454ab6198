import { pinyin } from 'pinyin-pro';
import type { Rule, RuleFinding } from '../core/types';
import { hanBracketMatches } from '../encoding/han-bracket-matches';
import { toSimplifiedChar } from '../script/opencc';

// A Han character, then a parenthesised syllable of pinyin letters: what a
// Traditional converter leaves behind (`發(fā)展`). Full-width parentheses too.
// Tried only where a bracket opens (see encoding/han-bracket-matches).
const ANNOTATION_AT = /(\p{Script=Han})([(（])([a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7})([)）])/uy;
const TONE_MARKS = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜếềńňǹḿ]/;

const readingsCache = new Map<string, Set<string>>();

/** Every reading pinyin-pro knows for a character (Traditional via its Simplified form too). */
export function readingsOf(char: string): Set<string> {
  let readings = readingsCache.get(char);
  if (readings) return readings;
  readings = new Set<string>();
  const forms = new Set([char, toSimplifiedChar(char)]);
  for (const form of forms) {
    for (const r of pinyin(form, { multiple: true, type: 'array', toneType: 'symbol' }) as string[]) {
      // pinyin-pro echoes characters it does not know.
      if (r && r !== form) readings.add(r.normalize('NFC').toLowerCase());
    }
  }
  readingsCache.set(char, readings);
  return readings;
}

function stripTones(syllable: string): string {
  return syllable.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ü/g, 'v').replace(/u\u0308/g, 'v');
}

export const pinyinAnnotation: Rule = {
  id: 'pinyin-annotation',
  description: 'Pinyin reading a converter inserted after a Han character, as in 發(fā)展.',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc) {
    const findings: RuleFinding[] = [];
    for (const m of hanBracketMatches(doc.text, ANNOTATION_AT)) {
      const [, han, open, syllableRaw, close] = m;
      const syllable = syllableRaw.normalize('NFC').toLowerCase();
      const readings = readingsOf(han);
      if (readings.size === 0) continue;
      const start = m.index! + han.length;
      const end = start + open.length + syllableRaw.length + close.length;
      const annotation = doc.text.slice(start, end);
      // A known reading, toned or (for neutral-tone readings such as 了 le) unmarked.
      if (readings.has(syllable)) {
        findings.push({
          start,
          end,
          message: `Pinyin annotation ${annotation} after ${han}: a converter inserted the reading of ${han}.`,
          fixes: [{ title: `Remove pinyin annotation ${annotation}`, safe: true, edits: [{ start, end, text: '' }] }],
        });
        continue;
      }
      // Same syllable, other tone: probably a reading pinyin-pro does not list, but a guess.
      if (TONE_MARKS.test(syllable) && [...readings].some((r) => stripTones(r) === stripTones(syllable))) {
        findings.push({
          start,
          end,
          severity: 'information',
          message: `Probable pinyin annotation ${annotation} after ${han} (known readings: ${[...readings].join(', ')}).`,
          fixes: [{ title: `Remove probable pinyin annotation ${annotation}`, safe: false, edits: [{ start, end, text: '' }] }],
        });
      }
    }
    return findings;
  },
};
