import type { Rule, RuleFinding } from '../core/types';

// Typography glitches machine translation leaves in English text.
//
// 1. A space before the hyphen of a compound: `decision -making`, `win -win`. The hyphen is
//    glued to the second word and a word stands right before the space, so it is neither a
//    dash (spaces on both sides), a minus (a digit follows) nor a list bullet (line start).
const SPACED_HYPHEN = /(?<=[A-Za-z])( )-(?=[A-Za-z])/g;
// 2. A byline or heading glued to the sentence after it: `reporter He KeOn the morning`.
//    A word ending in a small letter runs straight into a capitalised word that typically
//    opens an English sentence, and the sentence goes on in small letters.
const SENTENCE_OPENERS = [
  'On', 'In', 'At', 'The', 'This', 'These', 'According', 'Recently', 'Since', 'From', 'During',
  'After', 'Before', 'Today', 'Yesterday', 'Last', 'With', 'When', 'As', 'To', 'For',
  'Over', 'Under', 'Amid', 'Following', 'Earlier', 'Early', 'Late', 'Lately',
];
const GLUED_OPENER = new RegExp(`\\b([A-Za-z]*[a-z])(${SENTENCE_OPENERS.join('|')})(?= [a-z0-9])`, 'g');

export const mtTypography: Rule = {
  id: 'mt-typography',
  description:
    'Typography glitches of machine-translated English: a space before the hyphen of a compound (decision -making), a byline glued to the next sentence (He KeOn the morning).',
  category: 'encoding',
  defaultSeverity: 'information',
  check(doc) {
    const findings: RuleFinding[] = [];
    for (const line of doc.lines) {
      for (const m of line.text.matchAll(SPACED_HYPHEN)) {
        const i = m.index!;
        // Whole words on both sides, for the message and the range.
        const left = /[A-Za-z]+$/.exec(line.text.slice(0, i))![0];
        const right = /^[A-Za-z]+/.exec(line.text.slice(i + 2))![0];
        const start = line.start + i - left.length;
        const end = line.start + i + 2 + right.length;
        // Two words in small letters make a compound beyond doubt; capitals might be a name list.
        const safe = /^[a-z]+$/.test(left) && /^[a-z]+$/.test(right);
        findings.push({
          start,
          end,
          message: `Space before the hyphen of a compound: “${left} -${right}” should read “${left}-${right}”.`,
          fixes: [{ title: `Write “${left}-${right}”`, safe, edits: [{ start: line.start + i, end: line.start + i + 1, text: '' }] }],
        });
      }
      for (const m of line.text.matchAll(GLUED_OPENER)) {
        const [word, head, opener] = m;
        // Run-together names like WeChat or YouTube do not end in an opener, but CamelCase
        // of a single capital (`iOn`) is too short to judge.
        if (head.length < 2) continue;
        const start = line.start + m.index!;
        const end = start + word.length;
        const at = start + head.length;
        findings.push({
          start,
          end,
          message: `“${word}” looks like “${head}” glued to a sentence starting “${opener} …”: a byline or heading probably ended here.`,
          fixes: [
            { title: `Start a new line before “${opener}”`, safe: false, edits: [{ start: at, end: at, text: '\n' }] },
            { title: `Insert a space: “${head} ${opener}”`, safe: false, edits: [{ start: at, end: at, text: ' ' }] },
          ],
        });
      }
    }
    return findings;
  },
};
