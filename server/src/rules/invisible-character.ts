import type { Rule, RuleFinding } from '../core/types';

// Zero-width and bidi formatting characters, BOMs past the start, C0 controls other
// than tab and line breaks, DEL and C1 controls.
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]+/g;
const LATIN1_UPPER = /[\u00a0-\u00ff]/;

function describe(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0xfeff) return `${hex} byte order mark`;
  if (code >= 0x200b && code <= 0x200d) return `${hex} zero-width character`;
  if (code === 0x2060) return `${hex} word joiner`;
  if ((code >= 0x200e && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `${hex} bidirectional control`;
  if (code === 0x2028 || code === 0x2029) return `${hex} line/paragraph separator`;
  if (code >= 0x80 && code <= 0x9f) return `${hex} C1 control`;
  return `${hex} control character`;
}

export const invisibleCharacter: Rule = {
  id: 'invisible-character',
  description: 'Zero-width characters, stray byte order marks and control characters hidden in the text.',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc) {
    const findings: RuleFinding[] = [];
    const text = doc.text;
    for (const m of text.matchAll(INVISIBLE)) {
      let start = m.index!;
      let run = m[0];
      // A BOM that opens the file is an encoding signature, not a stray one.
      if (start === 0 && run[0] === '\ufeff') {
        start = 1;
        run = run.slice(1);
        if (!run) continue;
      }
      const end = start + run.length;
      const kinds = [...new Set([...run].map(describe))].join(', ');
      // A C1 control is often a Windows-1252 character read as Latin-1 (0x85 is …, 0x93 is “),
      // or part of mojibake beside Latin-1 letters: deleting it would destroy what
      // mojibake-latin repairs, so removal is only offered. The five bytes 1252 leaves
      // undefined, away from Latin-1 letters, mean nothing and go safely.
      const meaningfulC1 = /[\u0080\u0082-\u008c\u008e\u0091-\u009c\u009e\u009f]/.test(run);
      const hasC1 = /[\u0080-\u009f]/.test(run);
      const nearLatin1 = LATIN1_UPPER.test(text.charAt(start - 1)) || LATIN1_UPPER.test(text.charAt(end));
      const safe = !meaningfulC1 && !(hasC1 && nearLatin1);
      findings.push({
        start,
        end,
        message: `Invisible character${run.length > 1 ? 's' : ''}: ${kinds}.`,
        fixes: [{ title: `Remove ${run.length > 1 ? `${run.length} invisible characters` : 'invisible character'}`, safe, edits: [{ start, end, text: '' }] }],
      });
    }
    return findings;
  },
};
