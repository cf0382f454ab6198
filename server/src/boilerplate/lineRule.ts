// Turns the analysis' line hits into one rule's findings.
import type { SeedDocument } from '../core/document';
import { runSteps } from '../core/steps';
import type { Category, Fix, Rule, RuleContext, RuleFinding, Severity, TextEdit } from '../core/types';
import { analyse, analysisSteps, type Analysis, type HitRule, type LineHit } from './analysis';
import { removeLinesEdits } from './edits';

/** The span of lines first..last without their outer white space. */
export function linesSpan(doc: SeedDocument, first: number, last: number): { start: number; end: number } {
  const a = doc.lines[first];
  const b = doc.lines[last];
  const lead = a.text.length - a.text.trimStart().length;
  const trail = b.text.length - b.text.trimEnd().length;
  return { start: a.start + lead, end: Math.max(a.start + lead, b.end - trail) };
}

/**
 * The removal edit of one member of a run of adjacent lines the same rule flags:
 * its share of the edit that removes the whole run, so fixing all of them leaves
 * the spacing of one removal, and each fix alone removes only its own line(s).
 */
interface Run {
  first: number;
  last: number;
  /** Members share one safety: fix-all applies a run whole or not at all. */
  safe: boolean;
  /** The edit removing the whole run, computed once. */
  whole?: TextEdit | null;
}

function shareOfRun(doc: SeedDocument, first: number, last: number, run: Run): TextEdit[] {
  if (run.whole === undefined) {
    const lines: number[] = [];
    for (let i = run.first; i <= run.last; i++) if (doc.lines[i].text.trim() !== '') lines.push(i);
    run.whole = removeLinesEdits(doc, lines)[0] ?? null;
  }
  const whole = run.whole;
  if (!whole) return [];
  const start = first === run.first ? whole.start : doc.lines[first].start;
  let next = last + 1;
  while (next < run.last && doc.lines[next].text.trim() === '') next++;
  const end = last === run.last ? whole.end : doc.lines[next].start;
  return [{ start, end, text: last === run.last ? whole.text : '' }];
}

export function hitToFinding(doc: SeedDocument, hit: LineHit, fixTitle: string, run?: Run): RuleFinding {
  const lines: number[] = [];
  for (let i = hit.first; i <= hit.last; i++) if (doc.lines[i].text.trim() !== '') lines.push(i);
  const edits = run ? shareOfRun(doc, hit.first, hit.last, run) : removeLinesEdits(doc, lines);
  const many = hit.last > hit.first;
  const span = linesSpan(doc, hit.first, hit.last);
  // Field by field: spreads after the first field take V8's slow generic copy (most of this function's time).
  const finding: RuleFinding = {
    start: span.start,
    end: span.end,
    message: many ? `${hit.message} (lines ${hit.first + 1}–${hit.last + 1}).` : `${hit.message}.`,
    fixes: [{ title: many ? `${fixTitle} (${lines.length} lines)` : fixTitle, safe: hit.safe, edits }],
  };
  if (hit.severity) finding.severity = hit.severity;
  return finding;
}

export interface LineRuleSpec {
  id: HitRule;
  description: string;
  defaultSeverity?: Severity;
  category?: Category;
  fixTitle?: string;
}

const hitsByRule = new WeakMap<Analysis, Map<HitRule, LineHit[]>>();

/** The analysis' hits of one rule, in order: sorted out once per analysis, not by each of the dozen rules that ask. */
export function hitsOf(a: Analysis, rule: HitRule): readonly LineHit[] {
  let byRule = hitsByRule.get(a);
  if (!byRule) {
    byRule = new Map();
    for (const h of a.hits) {
      const list = byRule.get(h.rule);
      if (list) list.push(h);
      else byRule.set(h.rule, [h]);
    }
    hitsByRule.set(a, byRule);
  }
  return byRule.get(rule) ?? [];
}

/** A boilerplate rule that reports the analysis' hits of its own kind. */
export function lineRule(spec: LineRuleSpec): Rule {
  // The analysis in parts when this is the first boilerplate rule of a lint; the others find it memoised.
  function* checkInSteps(doc: SeedDocument, ctx: RuleContext): Generator<void, RuleFinding[], void> {
    const hits = hitsOf(yield* analysisSteps(doc, ctx), spec.id);
    // Runs of hits with nothing but blank lines between them, of the same safety (a
    // share of a run's edit applied without the rest would join lines).
    const runs: Run[] = [];
    const runOf: Run[] = [];
    for (const h of hits) {
      const run = runs[runs.length - 1];
      let j = run ? run.last + 1 : -1;
      while (run && j < h.first && doc.lines[j].text.trim() === '') j++;
      if (run && j === h.first && run.safe === h.safe) run.last = h.last;
      else runs.push({ first: h.first, last: h.last, safe: h.safe });
      runOf.push(runs[runs.length - 1]);
    }
    const all = removeAllFix(doc, ctx);
    return hits.map((h, k) => {
      const finding = hitToFinding(doc, h, spec.fixTitle ?? 'Remove line', runOf[k]);
      if (all) finding.fixes.push(all);
      return finding;
    });
  }
  return {
    id: spec.id,
    description: spec.description,
    category: spec.category ?? 'boilerplate',
    defaultSeverity: spec.defaultSeverity ?? 'warning',
    check: (doc, ctx) => runSteps(checkInSteps(doc, ctx)),
    checkInSteps,
  };
}

const removeAllMemo = new WeakMap<SeedDocument, { ctx?: RuleContext; fix: Fix | null }>();

/**
 * "Remove all boilerplate in this file": the lines of the safe blocks and of every
 * safe line finding, as one consistent set of edits. Offered on request only
 * (manual), so fix-all keeps applying each rule's own fixes.
 */
export function removeAllFix(doc: SeedDocument, ctx?: RuleContext): Fix | undefined {
  const memo = removeAllMemo.get(doc);
  let fix = memo && memo.ctx === ctx ? memo.fix : undefined;
  if (fix === undefined) {
    const a = analyse(doc, ctx);
    const lines = new Set<number>();
    for (const b of [a.leading, a.trailing]) if (b?.safe) for (const i of b.remove) lines.add(i);
    for (const h of a.hits) {
      if (!h.safe || h.rule === 'metadata-line') continue;
      for (let i = h.first; i <= h.last; i++) lines.add(i);
    }
    const count = [...lines].filter((i) => !a.lines[i].empty).length;
    fix =
      count === 0
        ? null
        : {
            title: `Remove all boilerplate in this file (${count} lines)`,
            safe: true,
            manual: true,
            edits: removeLinesEdits(doc, lines),
          };
    removeAllMemo.set(doc, { ctx, fix });
  }
  return fix ?? undefined;
}
