import type { Rule, RuleFinding, TextEdit } from '../core/types';
import { nextMojibakeCandidate, repairLatinMojibakeLineBothWays, type LineRepair } from '../encoding/latin-mojibake';

const sameEdit = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.text === b.text;

const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0]/;

function visible(text: string): string {
  if (!INVISIBLE.test(text)) return text;
  return text.replace(/[\u0000-\u001f\u007f-\u00a0]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const ID = 'mojibake-latin';

export const mojibakeLatin: Rule = {
  id: ID,
  description:
    'UTF-8 text decoded as Windows-1252/Latin-1, MacRoman, Windows-1251, CP437 or a Central European code page (Ã©, â€™, Ð¿Ñ€Ð¸), also twice over.',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc, ctx) {
    const findings: RuleFinding[] = [];
    // In a fix-all, the lines known to have no finding: those judged so in an earlier round, and
    // the repairs made then that would not be repaired again. The next round, on the repaired
    // text, then judges only the lines that changed otherwise (findings depend on the line alone).
    const run = ctx.fixRun;
    let clean = run?.memo.get(ID) as Set<string> | undefined;
    if (run && !clean) run.memo.set(ID, (clean = new Set()));
    // Whether every line repaired here comes out as a line with no finding.
    let settles = true;
    // One pass over the whole text finds the lines that could hold a repair: most lines of
    // any text cannot, and they are never cut out of the text or looked at again.
    // A candidate's line is found around it (the line starts of the whole text are not needed).
    let lineFrom = 0;
    for (let at = nextMojibakeCandidate(doc.text); at >= 0; ) {
      const line = lineAround(doc.text, at, lineFrom);
      lineFrom = line.end;
      at = nextMojibakeCandidate(doc.text, line.end);
      if (clean?.has(line.text)) continue;
      const both = repairLatinMojibakeLineBothWays(line.text);
      if (!both) {
        clean?.add(line.text);
        continue;
      }
      const { full, sure } = both;
      if (clean) {
        // Only what the edits below really make of the line is known to be clean.
        if (full.settled && applied(line.text, full.edits) === full.text) clean.add(full.text);
        else settles = false;
      }
      lineFindings(findings, line, full, sure);
    }
    if (run) {
      // Lines are never split or joined by a repair, and a line's findings depend on it alone.
      if (settles) run.settles.set(ID, doc.text);
      else run.settles.delete(ID);
    }
    return findings;
  },
};

const LINE_BREAK = /[\r\n]/g;

/** A line's bounds and text, without its line break. */
interface LineSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * The line holding `offset`, as SeedDocument.lineAt gives it (lines break at \r\n, \r and \n),
 * searching back no further than `from`, a line's start or end at or before it: a text is then
 * read about once however many candidates it holds.
 */
export function lineAround(text: string, offset: number, from: number): LineSpan {
  let start = offset;
  while (start > from) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || c === 13) break;
    start--;
  }
  LINE_BREAK.lastIndex = offset;
  const end = LINE_BREAK.test(text) ? LINE_BREAK.lastIndex - 1 : text.length;
  return { start, end, text: text.slice(start, end) };
}

/** The findings of one repaired line, one per edit. */
function lineFindings(findings: RuleFinding[], line: LineSpan, full: LineRepair, sure: LineRepair | undefined): void {
  // Repairs made without guessing (no lost bytes, no space taken for a no-break space)
  // are safe; the others are offered one by one.
  const sureEdits = sure?.edits ?? [];
  const how = full.codecs.join(', then ');
  for (const edit of full.edits) {
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

/** A line with its edits (sorted, apart) applied. */
function applied(line: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += line.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + line.slice(at);
}
