import { applyFixes } from './applyEdits';
import { DEFAULT_CONFIG, isRuleEnabled, severityFor, type EngineConfig } from './config';
import { singleDocumentCorpus } from './corpus';
import { SeedDocument } from './document';
import type { CorpusView, Finding, Fix, FixRun, Rule, RuleContext, RuleFinding, TextEdit } from './types';
import { RULES, rulesInFixOrder } from '../rules';

export interface LintOptions {
  config?: EngineConfig;
  /** The workspace; defaults to a corpus holding just this document. */
  corpus?: CorpusView;
  /** Only these rules (by id). */
  only?: readonly string[];
  /** A rule that throws is skipped and reported here; the others still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  rules?: readonly Rule[];
}

/**
 * A rule context whose corpus, when the caller gave none, is a corpus of just this document made
 * when a rule first reads it: rules that never do (most encoding rules) then cost a fix-all round
 * no corpus (~6% of a cold fix-all of a small text). A class, so that every context has one shape
 * (an object literal with a getter gets a shape of its own each time it is made).
 */
class LazyContext implements RuleContext {
  private given: CorpusView | undefined;

  constructor(
    private readonly doc: SeedDocument,
    corpus: CorpusView | undefined,
    readonly options: Readonly<Record<string, unknown>>,
    readonly fixRun: FixRun | undefined,
  ) {
    this.given = corpus;
  }

  get corpus(): CorpusView {
    return (this.given ??= singleDocumentCorpus(this.doc.uri, this.doc.text));
  }
}

function contextFor(doc: SeedDocument, options: LintOptions, fixRun?: FixRun): RuleContext {
  return new LazyContext(doc, options.corpus, (options.config ?? DEFAULT_CONFIG).options, fixRun);
}

function runRule(rule: Rule, doc: SeedDocument, ctx: RuleContext, options: LintOptions): Finding[] {
  let raw: RuleFinding[];
  try {
    raw = rule.check(doc, ctx);
  } catch (error) {
    options.onRuleError?.(rule.id, error);
    return [];
  }
  return stamped(rule, raw, options);
}

/** `runRule` in the rule's parts when it has them (`checkInSteps`), a yield between parts. */
function* runRuleInSteps(rule: Rule, doc: SeedDocument, ctx: RuleContext, options: LintOptions): Generator<void, Finding[], void> {
  if (!rule.checkInSteps) return runRule(rule, doc, ctx, options);
  let raw: RuleFinding[];
  try {
    raw = yield* rule.checkInSteps(doc, ctx);
  } catch (error) {
    options.onRuleError?.(rule.id, error);
    return [];
  }
  return stamped(rule, raw, options);
}

/** A rule's findings with its id and configured severity. */
function stamped(rule: Rule, raw: readonly RuleFinding[], options: LintOptions): Finding[] {
  const config = options.config ?? DEFAULT_CONFIG;
  const severity = severityFor(config, rule);
  const explicit = config.rules[rule.id];
  const keepOwnSeverity = explicit === undefined || explicit === 'default';
  // Built field by field, one shape for every finding (a spread copy cost ~7% of a fix-all of
  // English text); a new object, because rules may hand out findings they keep in caches.
  const out: Finding[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const f = raw[i];
    const finding: Finding = {
      ruleId: rule.id,
      start: f.start,
      end: f.end,
      message: f.message,
      // A rule may grade its own findings (a guess is softer); an explicit setting overrides it.
      severity: keepOwnSeverity && f.severity ? f.severity : severity,
      fixes: f.fixes,
    };
    if (f.related !== undefined) finding.related = f.related;
    out[i] = finding;
  }
  return out;
}

function selectedRules(options: LintOptions): Rule[] {
  const config = options.config ?? DEFAULT_CONFIG;
  const all = options.rules ?? RULES;
  return all.filter((r) => isRuleEnabled(config, r) && (!options.only || options.only.includes(r.id)));
}

export function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId);
}

/** All findings of the enabled rules on one document, in text order. */
export function lint(doc: SeedDocument, options: LintOptions = {}): Finding[] {
  const ctx = contextFor(doc, options);
  const findings: Finding[] = [];
  for (const rule of selectedRules(options)) {
    // Not push(...spread): a rule may find millions of things on a 10 MB line, more arguments than the stack holds.
    for (const f of runRule(rule, doc, ctx, options)) findings.push(f);
  }
  return findings.sort(byPosition);
}

/**
 * `lint` in parts: yields after each rule, and between the parts of a rule that has them
 * (`checkInSteps`), so a caller can let other work through meanwhile (the server's background
 * lint of a large open document), and returns what `lint` returns. The rules share one
 * context, so the boilerplate rules share one analysis.
 */
export function* lintSteps(doc: SeedDocument, options: LintOptions = {}): Generator<void, Finding[], void> {
  const ctx = contextFor(doc, options);
  const findings: Finding[] = [];
  for (const rule of selectedRules(options)) {
    for (const f of yield* runRuleInSteps(rule, doc, ctx, options)) findings.push(f);
    yield;
  }
  return findings.sort(byPosition);
}

export function lintText(uri: string, text: string, options: LintOptions = {}): Finding[] {
  return lint(new SeedDocument(uri, text), options);
}

/** The first fix of each finding that qualifies (safe, or any with `unsafe`; never a manual one). */
export function fixesToApply(findings: readonly Finding[], unsafe = false): Fix[] {
  const fixes: Fix[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => !x.manual && (x.safe || unsafe));
    if (fix) fixes.push(fix);
  }
  return fixes;
}

/** The edits of fixesToApply, flattened. */
export function fixEdits(findings: readonly Finding[], unsafe = false): TextEdit[] {
  return fixesToApply(findings, unsafe).flatMap((fix) => fix.edits);
}

export interface FixOptions extends LintOptions {
  unsafe?: boolean;
  /** Upper bound on re-lint rounds; a fixed point is normally reached in two. */
  maxRounds?: number;
  /** Drops findings before their fixes are taken (the editor's accepted findings). */
  keepFindings?: (doc: SeedDocument, findings: Finding[]) => Finding[];
}

export interface FixResult {
  text: string;
  /** Fixes applied, per rule id. */
  fixedByRule: Record<string, number>;
  rounds: number;
  /** False when maxRounds ran out before a fixed point. */
  converged: boolean;
}

/**
 * Applies fixes rule by rule in the fix order (entities before mojibake before
 * pinyin before lost characters before context), re-linting after every rule so
 * each sees the text the previous one left, until a round changes nothing.
 */
export function fixText(uri: string, text: string, options: FixOptions = {}): FixResult {
  const maxRounds = options.maxRounds ?? 8;
  const fixedByRule: Record<string, number> = {};
  // Rules whose findings never carry a fix cannot change the text: fix-all skips them.
  const ordered = rulesInFixOrder(selectedRules(options)).filter((r) => !r.neverFixes);
  // One document and context per text, shared by the rules that read it (the boilerplate
  // rules share one analysis through them), and for each rule the text on which it last
  // changed nothing: it would change nothing again, so it is not run again on that text.
  // The document of a changed text is made when a rule is run on it (the last text of a fix-all
  // often has none left to run).
  let doc: SeedDocument | undefined;
  let ctx: RuleContext | undefined;
  const fixRun: FixRun = { memo: new Map(), settles: new Map() };
  const unchangedOn = new Map<Rule, string>();
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    let changed = false;
    for (const rule of ordered) {
      if (unchangedOn.get(rule) === text) continue;
      if (!doc || !ctx) {
        doc = new SeedDocument(uri, text);
        ctx = contextFor(doc, options, fixRun);
      }
      const found = runRule(rule, doc, ctx, options);
      const findings = options.keepFindings ? options.keepFindings(doc, found) : found;
      const fixes = fixesToApply(findings, options.unsafe);
      // Whole fixes, so a fix of several edits is never half applied.
      const result = fixes.length === 0 ? undefined : applyFixes(text, fixes);
      if (!result || result.text === text) {
        unchangedOn.set(rule, text);
        continue;
      }
      // The rule said that its fixes, all of them, leave it nothing to find: when every finding's
      // fix was applied, it would change nothing on the result (most fix-alls of one rule then
      // take one lint of the text, not two).
      const settled = fixRun.settles.get(rule.id) === text && fixes.length === found.length && result.applied.length === fixes.length;
      fixedByRule[rule.id] = (fixedByRule[rule.id] ?? 0) + result.applied.length;
      text = result.text;
      if (settled) unchangedOn.set(rule, text);
      doc = undefined;
      ctx = undefined;
      changed = true;
    }
    if (!changed) return { text, fixedByRule, rounds: rounds + 1, converged: true };
  }
  return { text, fixedByRule, rounds, converged: false };
}
