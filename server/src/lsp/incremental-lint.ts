// Linting an edited document without linting all of it again.
//
// Line-local rules: whose findings on a line depend only on that line's text, as their
// sources read today (each looks at one line, or matches patterns that cannot cross a
// line break, and looks at most one character to either side). They run line by line,
// each line with the line breaks around it so that one-character look-arounds see what
// they see in the whole text, and their findings are cached by that text: after an edit
// only the changed lines are linted. test/unit/incremental-lint.test.ts checks that the
// result equals a lint from scratch after random edits; a rule that stops being
// line-local fails it and must leave the list.
//
// The other rules read the whole document or the workspace. `carried` maps their findings
// of the previous text through an edit (findings that touch the changed lines are dropped),
// for a first answer while they run again.
import type { EngineConfig } from '../core/config';
import { SeedDocument } from '../core/document';
import { byPosition, lint } from '../core/engine';
import type { CorpusView, Finding, Rule } from '../core/types';
import { RULES } from '../rules';

export const LINE_LOCAL_RULES: ReadonlySet<string> = new Set([
  'html-entity',
  'invisible-character',
  'pinyin-annotation',
  'lost-character',
  'mojibake-latin',
  'mt-typography',
]);

export interface LintSettings {
  config: EngineConfig;
  corpus: CorpusView;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/** Lines cached per document, beyond those of its current text: room for undo and redo. */
const SPARE_LINES = 2000;

/** The rules of the registry that read more than one line. */
export function documentRules(rules: readonly Rule[] = RULES): Rule[] {
  return rules.filter((r) => !LINE_LOCAL_RULES.has(r.id));
}

/** Shifts a finding (range and fix edits) by `delta`. */
function shifted(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  return {
    ...f,
    start: f.start + delta,
    end: f.end + delta,
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) })),
  };
}

/** The span a finding touches: its range and every edit of its fixes (manual whole-file actions left out, see `carried`). */
function reach(f: Finding): { start: number; end: number } {
  let start = f.start;
  let end = f.end;
  for (const fix of f.fixes) {
    if (fix.manual) continue;
    for (const e of fix.edits) {
      if (e.start < start) start = e.start;
      if (e.end > end) end = e.end;
    }
  }
  return { start, end };
}

/**
 * Where two texts differ, as whole lines: `before[start, oldEnd)` became `after[start, newEnd)`.
 * Lines outside keep their text (those after move by newEnd - oldEnd).
 */
export function changedLines(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  if (before === after) return { start: before.length, oldEnd: before.length, newEnd: after.length };
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Widen to whole lines: back to the start of the line holding the first difference,
  // on to just after the break ending the line of the last one.
  let start = prefix;
  while (start > 0 && before.charCodeAt(start - 1) !== 10 && before.charCodeAt(start - 1) !== 13) start--;
  let oldEnd = before.length - suffix;
  let newEnd = after.length - suffix;
  const atLineStart = (t: string, i: number) => i === 0 || t.charCodeAt(i - 1) === 10 || (t.charCodeAt(i - 1) === 13 && t.charCodeAt(i) !== 10);
  // A change that ends where a line starts, before and after, leaves that line alone.
  if (atLineStart(before, oldEnd) && atLineStart(after, newEnd)) return { start, oldEnd, newEnd };
  while (oldEnd < before.length && before.charCodeAt(oldEnd) !== 10 && before.charCodeAt(oldEnd) !== 13) {
    oldEnd++;
    newEnd++;
  }
  return { start, oldEnd, newEnd };
}

export class DocumentLinter {
  /** Findings of the line-local rules per line context (chunk-relative offsets). */
  private lines = new Map<string, Finding[]>();
  private linesConfig: EngineConfig | undefined;
  /** Line contexts linted (not answered from the cache), for tests. */
  linesLinted = 0;
  /** The last complete result of the document rules, and the text it is for. */
  private documentLevel: { text: string; config: EngineConfig; findings: Finding[] } | undefined;

  constructor(readonly uri: string) {}

  /** Findings of the enabled line-local rules, linting only lines not seen before. */
  lineFindings(doc: SeedDocument, settings: LintSettings): Finding[] {
    if (this.linesConfig !== settings.config) {
      this.lines.clear();
      this.linesConfig = settings.config;
    }
    const only = [...LINE_LOCAL_RULES];
    const text = doc.text;
    const starts = doc.lineStarts;
    const out: Finding[] = [];
    const used = new Map<string, Finding[]>();
    for (let i = 0; i < starts.length; i++) {
      const lineStart = starts[i];
      const next = i + 1 < starts.length ? starts[i + 1] : text.length;
      // The line with its own break and the break before it.
      let from = lineStart;
      if (i > 0) {
        from--;
        if (text.charCodeAt(from) === 10 && from > 0 && text.charCodeAt(from - 1) === 13) from--;
      }
      const chunk = text.slice(from, next);
      let found = used.get(chunk) ?? this.lines.get(chunk);
      if (!found) {
        const own = lineStart - from;
        found = lint(new SeedDocument(this.uri, chunk), { config: settings.config, corpus: settings.corpus, only, onRuleError: settings.onRuleError })
          // A finding belongs to the line it starts on.
          .filter((f) => f.start >= own && (f.start < chunk.length || (f.start === chunk.length && next === text.length)));
        this.linesLinted++;
      }
      used.set(chunk, found);
      for (const f of found) out.push(shifted(f, from));
    }
    // Keep the current lines, and some recent others for an undo.
    if (this.lines.size > SPARE_LINES) this.lines = used;
    else for (const [k, v] of used) this.lines.set(k, v);
    return out;
  }

  /** Findings of the enabled document rules (all but the line-local ones) on the whole text, remembered. */
  documentFindings(doc: SeedDocument, settings: LintSettings, rules: readonly Rule[] = documentRules()): Finding[] {
    const findings = lint(doc, { config: settings.config, corpus: settings.corpus, rules, onRuleError: settings.onRuleError });
    this.rememberDocumentFindings(doc.text, settings.config, findings);
    return findings;
  }

  /** Whether the document rules have run on some text of this document (their findings were published). */
  get documentRulesRan(): boolean {
    return this.documentLevel !== undefined;
  }

  rememberDocumentFindings(text: string, config: EngineConfig, findings: Finding[]): void {
    this.documentLevel = { text, config, findings };
  }

  /**
   * The last document-rule findings mapped onto `text`: those that touch no changed line,
   * moved with the lines after the change. Undefined when there are none under this config.
   */
  carried(text: string, config: EngineConfig): Finding[] | undefined {
    const previous = this.documentLevel;
    if (!previous || previous.config !== config) return undefined;
    if (previous.text === text) return previous.findings;
    const { start, oldEnd, newEnd } = changedLines(previous.text, text);
    const delta = newEnd - oldEnd;
    const out: Finding[] = [];
    for (const found of previous.findings) {
      // A manual whole-file action ("Remove all boilerplate in this file") spans every line, so
      // it would keep its finding from ever being carried: the boilerplate and metadata findings
      // vanished from every provisional publication and came back with the complete one. The
      // finding is carried without it; the complete lint brings it back.
      const f = found.fixes.some((x) => x.manual) ? { ...found, fixes: found.fixes.filter((x) => !x.manual) } : found;
      const r = reach(f);
      if (r.end < start || (r.end === start && r.start < start)) out.push(f);
      else if (r.start > oldEnd || (r.start === oldEnd && r.end > oldEnd)) out.push(shifted(f, delta));
    }
    return out;
  }
}

/** Line-local and document findings together, in the order `lint` gives. */
export function merged(lineFindings: Finding[], documentFindings: Finding[]): Finding[] {
  return [...lineFindings, ...documentFindings].sort(byPosition);
}
