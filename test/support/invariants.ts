// The reliability invariants of issue 9, checked on one document. Shared by the
// property tests (which assert there are no violations) and bench/fuzz.ts (which
// counts them over 100,000 documents).
import { SeedDocument } from '../../server/src/core/document';
import { fixText, lint } from '../../server/src/core/engine';
import type { Finding, TextEdit } from '../../server/src/core/types';
import { findHeader } from '../../server/src/boilerplate/metadata';
import { hasLoneSurrogate, splitsSurrogatePair } from './arbitraries';

/** How far outside its finding's range a fix edit reached. */
export type Reach = 'range' | 'lines' | 'blank-around-lines' | 'header' | 'outside';

const BLANK = /[\s\u00a0\u3000\ufeff]/;
const HEADER_ENTRIES = '(?:[a-z][a-z-]*: [^\\r\\n]*\\r?\\n)';
/** A whole metadata header (`---`, `key: value` lines, `---`), as a move inserts it at the top when there is none. */
const HEADER_BLOCK = new RegExp(`^---\\r?\\n${HEADER_ENTRIES}+---\\r?\\n$`);
/** `key: value` lines alone, as a move adds them to an existing header, before its closing `---`. */
const HEADER_LINES = new RegExp(`^${HEADER_ENTRIES}+$`);

/**
 * A metadata move's other edit: a pure insertion that adds a header block at offset 0
 * when the document has no header, or adds entries before the closing `---` of the
 * one it has. It removes nothing, and the header lives at the top by definition.
 */
function isHeaderInsertion(doc: SeedDocument, edit: TextEdit): boolean {
  if (edit.start !== edit.end) return false;
  const header = findHeader(doc);
  if (!header) return edit.start === 0 && HEADER_BLOCK.test(edit.text);
  return edit.start === doc.lineStarts[header.close] && HEADER_LINES.test(edit.text);
}

/**
 * Where an edit lies relative to a finding: inside [start, end]; inside the finding's
 * lines (line breaks included); inside those lines widened over the blank text
 * (spaces, line breaks, blank lines) around them, which line-removing fixes take to
 * keep paragraph spacing; an insertion into the metadata header at the top (a metadata
 * move, see isHeaderInsertion); or beyond, touching visible text the finding did not name.
 */
export function reachOf(doc: SeedDocument, finding: Pick<Finding, 'start' | 'end'>, edit: TextEdit): Reach {
  if (edit.start >= finding.start && edit.end <= finding.end) return 'range';
  const text = doc.text;
  const first = doc.lineStarts[doc.lineIndexAt(finding.start)];
  const lastLine = doc.lineIndexAt(finding.end);
  const last = lastLine + 1 < doc.lineCount ? doc.lineStarts[lastLine + 1] : text.length;
  if (edit.start >= first && edit.end <= last) return 'lines';
  let a = first;
  while (a > 0 && BLANK.test(text[a - 1])) a--;
  let b = last;
  while (b < text.length && BLANK.test(text[b])) b++;
  if (edit.start >= a && edit.end <= b) return 'blank-around-lines';
  if (isHeaderInsertion(doc, edit)) return 'header';
  return 'outside';
}

export interface Violation {
  kind: string;
  ruleId?: string;
  detail: string;
}

export interface CheckOptions {
  /** Also fix with unsafe fixes and check that too. */
  unsafe?: boolean;
  /** Check that fixing the fixed text changes nothing (costs one more fix run each). */
  idempotence?: boolean;
  /** Per rule id: the widest reach seen, for the report. */
  reach?: Map<string, Reach>;
}

/** From nearest to farthest. */
export const REACH_ORDER: readonly Reach[] = ['range', 'lines', 'blank-around-lines', 'header', 'outside'];

function short(s: string, n = 80): string {
  return JSON.stringify(s.length > n ? s.slice(0, n) + '…' : s);
}

function checkEdit(text: string, e: TextEdit, inputClean: boolean): string | undefined {
  if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= text.length)) {
    return `edit [${e.start}, ${e.end}) outside the text (length ${text.length})`;
  }
  if (splitsSurrogatePair(text, e.start) || splitsSurrogatePair(text, e.end)) return `edit [${e.start}, ${e.end}) splits a surrogate pair`;
  if (inputClean && hasLoneSurrogate(e.text)) return `edit text ${short(e.text)} holds a lone surrogate`;
  return undefined;
}

/** Every invariant violation on one document (empty when it is sound). */
export function checkDocument(text: string, options: CheckOptions = {}): Violation[] {
  const violations: Violation[] = [];
  const ruleErrors = (ruleId: string, error: unknown) =>
    violations.push({ kind: 'rule threw', ruleId, detail: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join(' | ') : String(error) });
  const doc = new SeedDocument('file:///fuzz.txt', text);
  const inputClean = !hasLoneSurrogate(text);
  const findings = lint(doc, { onRuleError: ruleErrors });
  for (const f of findings) {
    const where = `finding [${f.start}, ${f.end})`;
    if (!(Number.isInteger(f.start) && Number.isInteger(f.end) && 0 <= f.start && f.start <= f.end && f.end <= text.length)) {
      violations.push({ kind: 'finding out of bounds', ruleId: f.ruleId, detail: `${where}, length ${text.length}` });
      continue;
    }
    if (splitsSurrogatePair(text, f.start) || splitsSurrogatePair(text, f.end)) {
      violations.push({ kind: 'finding splits a surrogate pair', ruleId: f.ruleId, detail: where });
    }
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        const bad = checkEdit(text, e, inputClean);
        if (bad) {
          violations.push({ kind: 'bad edit', ruleId: f.ruleId, detail: `${where}, fix "${fix.title}": ${bad}` });
          continue;
        }
        // A manual fix is a whole-document choice (a change of script): it answers to the
        // document, not to the finding's range, and never runs in fix-all.
        if (fix.manual) continue;
        const reach = reachOf(doc, f, e);
        if (options.reach) {
          const seen = options.reach.get(f.ruleId);
          if (!seen || REACH_ORDER.indexOf(reach) > REACH_ORDER.indexOf(seen)) options.reach.set(f.ruleId, reach);
        }
        if (reach === 'outside') {
          violations.push({
            kind: 'fix edits outside its finding',
            ruleId: f.ruleId,
            detail: `${where} ${short(text.slice(f.start, f.end), 40)}, fix "${fix.title}" edits [${e.start}, ${e.end}) ${short(text.slice(e.start, e.end), 40)}`,
          });
        }
      }
    }
  }
  for (const unsafe of options.unsafe ? [false, true] : [false]) {
    const label = unsafe ? 'fix-all --unsafe' : 'fix-all';
    const once = fixText(doc.uri, text, { unsafe, onRuleError: ruleErrors });
    if (!once.converged) violations.push({ kind: `${label} did not converge`, detail: `fixed by ${JSON.stringify(once.fixedByRule)}` });
    if (inputClean && hasLoneSurrogate(once.text)) violations.push({ kind: `${label} made a lone surrogate`, detail: short(once.text) });
    if (options.idempotence) {
      const twice = fixText(doc.uri, once.text, { unsafe, onRuleError: ruleErrors });
      if (twice.text !== once.text) {
        violations.push({ kind: `${label} not idempotent`, ruleId: Object.keys(twice.fixedByRule).join(','), detail: `once ${short(once.text, 200)} → twice ${short(twice.text, 200)}` });
      }
    }
  }
  return violations;
}
