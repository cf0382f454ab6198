import { diffChars } from 'diff';
import type { Rule, RuleFinding, TextEdit } from '../core/types';
import { repairLatinMojibakeLine } from '../encoding/latin-mojibake';

/**
 * The places where `after` differs from `before`, as edits on `before`. Changes separated
 * only by non-space characters are merged, so one damaged word is one finding.
 */
export function changedSpans(before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: TextEdit | undefined;
  let gap = '';
  for (const part of diffChars(before, after)) {
    if (!part.added && !part.removed) {
      if (pending && !/\s/.test(part.value)) {
        gap = part.value;
      } else {
        if (pending) edits.push(pending);
        pending = undefined;
        gap = '';
      }
      offset += part.value.length;
      continue;
    }
    if (pending && gap) {
      // Bridge a short unchanged gap inside the same word.
      pending.text += gap;
      pending.end = offset;
      gap = '';
    }
    pending ??= { start: offset, end: offset, text: '' };
    if (part.removed) {
      offset += part.value.length;
      pending.end = offset;
    } else pending.text += part.value;
  }
  if (pending) edits.push(pending);
  // A bare deletion or insertion reads badly in a message: take in the next character.
  for (const e of edits) {
    if ((e.text === '' || e.start === e.end) && e.end < before.length) {
      e.text += before[e.end];
      e.end++;
    }
  }
  return edits;
}

const sameEdit = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.text === b.text;

function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u00a0]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

export const mojibakeLatin: Rule = {
  id: 'mojibake-latin',
  description:
    'UTF-8 text decoded as Windows-1252/Latin-1, MacRoman, Windows-1251, CP437 or a Central European code page (Ã©, â€™, Ð¿Ñ€Ð¸), also twice over.',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc) {
    const findings: RuleFinding[] = [];
    for (const line of doc.lines) {
      const full = repairLatinMojibakeLine(line.text, true);
      if (!full) continue;
      // Repairs made without guessing (no lost bytes, no space taken for a no-break space)
      // are safe; the others are offered one by one.
      const sure = repairLatinMojibakeLine(line.text, false);
      const sureEdits = sure ? changedSpans(line.text, sure.text) : [];
      const how = full.codecs.join(', then ');
      for (const edit of changedSpans(line.text, full.text)) {
        const safe = sureEdits.some((e) => sameEdit(e, edit));
        const start = line.start + edit.start;
        const end = line.start + edit.end;
        const damaged = line.text.slice(edit.start, edit.end);
        findings.push({
          start,
          end,
          message: `Mojibake: UTF-8 text decoded as ${how}; “${visible(damaged)}” reads “${visible(edit.text)}”${
            edit.text.includes('\ufffd') ? ' (a byte was already lost: U+FFFD marks it)' : ''
          }${safe ? '' : ' (a guess: check it)'}.`,
          fixes: [{ title: `Repair to “${visible(edit.text)}”`, safe, edits: [{ start, end, text: edit.text }] }],
        });
      }
    }
    return findings;
  },
};
