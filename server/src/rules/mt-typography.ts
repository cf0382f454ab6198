import type { Rule, RuleFinding } from '../core/types';

// Typography glitches machine translation leaves in English text.
//
// 1. A space before the hyphen of a compound: `decision -making`, `win -win`. The hyphen is
//    glued to the second word and a word stands right before the space, so it is neither a
//    dash (spaces on both sides), a minus (a digit follows) nor a list bullet (line start).
// Found by spacedHyphens below (a search for " -", then the letters around it: a fifth of the time of
// the regular expression /(?<=[A-Za-z])( )-(?=[A-Za-z])/g, whose look-behind is tried at every offset).
// 2. A byline or heading glued to the sentence after it: `reporter He KeOn the morning`.
//    A word ending in a small letter runs straight into a capitalised word that typically
//    opens an English sentence, and the sentence goes on in small letters.
const SENTENCE_OPENERS = [
  'On', 'In', 'At', 'The', 'This', 'These', 'According', 'Recently', 'Since', 'From', 'During',
  'After', 'Before', 'Today', 'Yesterday', 'Last', 'With', 'When', 'As', 'To', 'For',
  'Over', 'Under', 'Amid', 'Following', 'Earlier', 'Early', 'Late', 'Lately',
];
const GLUED_OPENER = new RegExp(`\\b([A-Za-z]*[a-z])(${SENTENCE_OPENERS.join('|')})(?= [a-z0-9])`, 'g');

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Offsets of the spaces of every spaced compound hyphen (see 1. above), in order. */
export function spacedHyphens(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(' -'); i >= 0; i = text.indexOf(' -', i + 1)) {
    if (i > 0 && isLetter(text.charCodeAt(i - 1)) && isLetter(text.charCodeAt(i + 2))) out.push(i);
  }
  return out;
}

/** Is offset `a` on the line of offset `b` or on a line before it? */
function sameLineOrBefore(text: string, a: number, b: number): boolean {
  if (a <= b) return true;
  for (let i = b; i < a; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return false;
  }
  return true;
}

/** The finding for a compound whose space before the hyphen is at `i` (a letter on either side). */
function compoundFinding(text: string, i: number): RuleFinding {
  // Whole words on both sides, for the message and the range.
  let start = i;
  while (start > 0 && isLetter(text.charCodeAt(start - 1))) start--;
  let end = i + 2;
  while (end < text.length && isLetter(text.charCodeAt(end))) end++;
  const left = text.slice(start, i);
  const right = text.slice(i + 2, end);
  // Two words in small letters make a compound beyond doubt; capitals might be a name list.
  const safe = /^[a-z]+$/.test(left) && /^[a-z]+$/.test(right);
  return {
    start,
    end,
    message: `Space before the hyphen of a compound: “${left} -${right}” should read “${left}-${right}”.`,
    fixes: [{ title: `Write “${left}-${right}”`, safe, edits: [{ start: i, end: i + 1, text: '' }] }],
  };
}

export const mtTypography: Rule = {
  id: 'mt-typography',
  description:
    'Typography glitches of machine-translated English: a space before the hyphen of a compound (decision -making), a byline glued to the next sentence (He KeOn the morning).',
  category: 'encoding',
  defaultSeverity: 'information',
  check(doc) {
    // Neither pattern matches a line break (nor looks past one), so the whole text gives what
    // each line gives; the findings come line by line as before, a line's compounds first.
    const text = doc.text;
    const compounds = spacedHyphens(text);
    const glued = [...text.matchAll(GLUED_OPENER)];
    const findings: RuleFinding[] = [];
    for (let c = 0, g = 0; c < compounds.length || g < glued.length; ) {
      const compound = compounds[c];
      const opener = glued[g];
      if (compound !== undefined && (!opener || sameLineOrBefore(text, compound, opener.index!))) {
        findings.push(compoundFinding(text, compound));
        c++;
        continue;
      }
      g++;
      const [word, head, next] = opener;
      // Run-together names like WeChat or YouTube do not end in an opener, but CamelCase
      // of a single capital (`iOn`) is too short to judge.
      if (head.length < 2) continue;
      const start = opener.index!;
      const end = start + word.length;
      const at = start + head.length;
      findings.push({
        start,
        end,
        message: `“${word}” looks like “${head}” glued to a sentence starting “${next} …”: a byline or heading probably ended here.`,
        fixes: [
          { title: `Start a new line before “${next}”`, safe: false, edits: [{ start: at, end: at, text: '\n' }] },
          { title: `Insert a space: “${head} ${next}”`, safe: false, edits: [{ start: at, end: at, text: ' ' }] },
        ],
      });
    }
    return findings;
  },
};
