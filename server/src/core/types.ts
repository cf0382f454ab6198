// Plain data shared by the engine, the rules, the language server and the CLI.
// Offsets are indices into the JavaScript string (UTF-16 code units), never bytes.

export type Category = 'encoding' | 'boilerplate' | 'script' | 'people' | 'metadata';
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  /** Safe fixes go into fix-all; guesses stay single quick fixes. */
  safe: boolean;
  /**
   * Only on the user's explicit request (a quick fix), never in fix-all, not even
   * with --unsafe: whole-file actions such as "Remove all boilerplate in this file"
   * or "Move all metadata lines", which would otherwise repeat once per finding.
   */
  manual?: boolean;
  edits: TextEdit[];
}

/** Where a finding's evidence lives, e.g. the other file that holds the same line. */
export interface RelatedLocation {
  uri: string;
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  start: number;
  end: number;
  message: string;
  severity: Severity;
  fixes: Fix[];
  related?: RelatedLocation[];
}

/** What a rule's check returns: the engine stamps rule id and configured severity. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

export interface Line {
  /** 0-based line number. */
  index: number;
  start: number;
  /** End of the line's text, before its line break. */
  end: number;
  text: string;
}

export interface Rule {
  id: string;
  description: string;
  category: Category;
  defaultSeverity: Severity;
  /** The rule's findings never carry a fix (it only reports): fix-all does not run it. */
  neverFixes?: boolean;
  check(doc: import('./document').SeedDocument, ctx: RuleContext): RuleFinding[];
  /**
   * The same findings as `check`, worked out in parts with a yield between them (each part about
   * a millisecond on a 100 KB document), so that the server's background lint of a large open
   * document lets hovers and edits through meanwhile. A rule that has it defines `check` as
   * `runSteps(this.checkInSteps(doc, ctx))` (core/steps.ts).
   */
  checkInSteps?(doc: import('./document').SeedDocument, ctx: RuleContext): Generator<void, RuleFinding[], void>;
}

/** One line of the workspace as the corpus knows it. */
export interface CorpusLineStatistics {
  /** How many documents contain this (normalised) line. */
  documentCount(lineText: string): number;
  /** The documents that contain this (normalised) line; at most `limit` of them when given. */
  documentsWith(lineText: string, limit?: number): string[];
  /** Where a normalised line first stands in a document (offsets of its trimmed text); optional, a rule may search itself. */
  locate?(uri: string, normalisedLine: string): { start: number; end: number } | undefined;
}

/** How often the corpus uses the characters the codec tables rate rare (see encoding/cjk-commonness). */
export interface CorpusCharacterStatistics {
  /** Occurrences in all documents and number of documents holding it; undefined when none. */
  of(ch: string): { count: number; docs: number } | undefined;
}

/** The workspace as a rule may see it, without reading files itself. */
export interface CorpusView {
  readonly size: number;
  uris(): Iterable<string>;
  text(uri: string): string | undefined;
  readonly lines: CorpusLineStatistics;
  /** Changes whenever a document is set or deleted, so a rule can keep derived data until then; absent: assume it changed. */
  readonly revision?: number;
  /** Kept up to date by the corpus, so a rule never recounts the workspace; absent on simple views. */
  readonly characters?: CorpusCharacterStatistics;
}

export interface RuleContext {
  corpus: CorpusView;
  /** Rule options from settings, keyed by rule id. */
  options: Readonly<Record<string, unknown>>;
  /** Present while fixText runs the rule (absent in a lint): shared by the rounds of that fix-all. */
  fixRun?: FixRun;
}

/** What the rules of one fixText tell it, and themselves, from one round to the next. */
export interface FixRun {
  /**
   * Keyed by rule id: what a rule learnt about texts in one round and can reuse in the next, as
   * long as it depends on the text alone (mojibake-latin: lines that hold nothing to repair).
   */
  readonly memo: Map<string, unknown>;
  /**
   * Rule id → a text of which the rule said: applying every one of my findings' fixes to it leaves
   * nothing for me to find. When fixText did apply them all, it does not run the rule again on
   * the result (it would find nothing, so change nothing).
   */
  readonly settles: Map<string, string>;
}
