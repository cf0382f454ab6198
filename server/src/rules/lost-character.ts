import type { Rule, RuleFinding } from '../core/types';

// `?` (what a codec writes for a character it cannot map) and U+FFFD stand for lost
// characters. Three shapes are unambiguous enough to report:
//  - a line holding nothing but them: a lost no-break space or decoration line;
//  - a run of `? ` opening a line before the text: lost no-break-space indentation;
//  - one after a Han character and before the pinyin annotation of the character it replaced.
const LOST = '[?\\uFFFD]';
const LONE_LINE = new RegExp(`^[\\s\\u00a0\\u3000]*${LOST}(?:[\\s\\u00a0\\u3000]*${LOST})*[\\s\\u00a0\\u3000]*$`);
const INDENT_RUN = new RegExp(`^([\\s\\u00a0\\u3000]*)((?:${LOST}[\\s\\u00a0\\u3000]+)+)(?=\\S)`);
const HAN = /\p{Script=Han}/u;
// A pinyin syllable and its closing parenthesis, with or without the opening one.
const PINYIN_AFTER = /^\(?[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,6}\)/;
// ...or the end of the previous character's annotation, when two lost characters follow each other.
const PINYIN_BEFORE = /[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]\)$/;

function isHanAt(text: string, offset: number, backwards: boolean): boolean {
  const code = backwards ? text.codePointAt(offset - 1) : text.codePointAt(offset);
  if (code === undefined) return false;
  // Step over a low surrogate to read the whole astral character before `offset`.
  if (backwards && code >= 0xdc00 && code <= 0xdfff && offset >= 2) return HAN.test(text.slice(offset - 2, offset));
  return HAN.test(String.fromCodePoint(code));
}

export const lostCharacter: Rule = {
  id: 'lost-character',
  description: 'A ? or U+FFFD standing for a character lost in conversion: lone ? lines, ? ? indentation, ? before a surviving pinyin annotation.',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc) {
    const findings: RuleFinding[] = [];
    const text = doc.text;
    for (const line of doc.lines) {
      if (!line.text.includes('?') && !line.text.includes('\uFFFD')) continue;
      if (LONE_LINE.test(line.text)) {
        const first = line.text.search(/[?\uFFFD]/);
        const last = Math.max(line.text.lastIndexOf('?'), line.text.lastIndexOf('\uFFFD'));
        findings.push({
          start: line.start + first,
          end: line.start + last + 1,
          message: 'Line of lost characters only (a no-break space or decoration lost to ?); nothing of the text is here.',
          fixes: [{ title: 'Empty this line', safe: true, edits: [{ start: line.start, end: line.end, text: '' }] }],
        });
        continue;
      }
      const indent = INDENT_RUN.exec(line.text);
      if (indent) {
        const start = line.start + indent[1].length;
        const end = start + indent[2].length;
        findings.push({
          start,
          end,
          message: 'Indentation of no-break spaces lost to ?.',
          fixes: [{ title: 'Remove the lost indentation', safe: true, edits: [{ start, end, text: '' }] }],
        });
      }
      const from = indent ? line.start + indent[0].length : line.start;
      for (let i = from; i < line.end; i++) {
        const c = text[i];
        if (c === '\uFFFD') {
          findings.push({ start: i, end: i + 1, message: 'U+FFFD replacement character: bytes were lost here and cannot be recovered from this line alone.', fixes: [] });
        } else if (c === '?' && (isHanAt(text, i, true) || PINYIN_BEFORE.test(text.slice(Math.max(0, i - 8), i))) && PINYIN_AFTER.test(text.slice(i + 1, i + 12))) {
          // Between Han characters an ASCII `?` is often a real question mark (弄死你?太原);
          // followed by a surviving pinyin annotation it can only stand for the annotated character.
          findings.push({
            start: i,
            end: i + 1,
            message: '? stands for a lost Han character (its pinyin annotation survives); it cannot be recovered from this line alone.',
            fixes: [],
          });
        }
      }
    }
    return findings;
  },
};
