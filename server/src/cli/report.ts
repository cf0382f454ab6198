// Findings as the CLI prints them. The JSON form is a contract other tooling
// reads: LSP conventions (0-based lines, UTF-16 characters), ranges from the one
// offset→position conversion in core/positions.ts via SeedDocument.rangeOf.
import { SeedDocument } from '../core/document';
import type { Range } from '../core/positions';
import type { Finding, Severity } from '../core/types';
import { SEVERITIES } from '../core/types';
import { ruleById } from '../rules';
import type { SkipReason } from './decode';
import { plural } from './io';

export const JSON_FORMAT_VERSION = 1;

export interface JsonEdit {
  range: Range;
  newText: string;
}

export interface JsonFix {
  title: string;
  safe: boolean;
  /** Present (true) only for fixes applied on explicit request, never by `fix`. */
  manual?: true;
  edits: JsonEdit[];
}

export interface JsonRelated {
  path: string;
  range: Range;
  message: string;
}

export interface JsonDiagnostic {
  rule: string;
  category: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: JsonFix[];
  related?: JsonRelated[];
}

export interface JsonFile {
  path: string;
  diagnostics: JsonDiagnostic[];
  /** Present only when the file could not be checked: then diagnostics is empty. */
  skipped?: { reason: SkipReason; message: string };
}

export interface JsonReport {
  version: typeof JSON_FORMAT_VERSION;
  files: JsonFile[];
}

/** Finds the document (and display path) of a related location's uri. */
export type DocumentLookup = (uri: string) => { path: string; doc: SeedDocument } | undefined;

export function toJsonDiagnostic(doc: SeedDocument, finding: Finding, lookup: DocumentLookup): JsonDiagnostic {
  const diagnostic: JsonDiagnostic = {
    rule: finding.ruleId,
    category: ruleById(finding.ruleId)?.category ?? 'unknown',
    severity: finding.severity,
    message: finding.message,
    range: doc.rangeOf(finding.start, finding.end),
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      safe: fix.safe,
      ...(fix.manual ? { manual: true as const } : {}),
      edits: fix.edits.map((e) => ({ range: doc.rangeOf(e.start, e.end), newText: e.text })),
    })),
  };
  const related: JsonRelated[] = [];
  for (const r of finding.related ?? []) {
    const target = lookup(r.uri);
    if (target) related.push({ path: target.path, range: target.doc.rangeOf(r.start, r.end), message: r.message });
  }
  if (related.length) diagnostic.related = related;
  return diagnostic;
}

/** `path:line:col: severity rule-id message`, 1-based line and column (UTF-16 units, as VS Code counts). */
export function textLine(path: string, diagnostic: JsonDiagnostic): string {
  const { line, character } = diagnostic.range.start;
  const message = diagnostic.message.replace(/\s*[\r\n]+\s*/g, ' ');
  return `${path}:${line + 1}:${character + 1}: ${diagnostic.severity} ${diagnostic.rule} ${message}`;
}

export function isFixableByFixCommand(diagnostic: JsonDiagnostic, unsafe = false): boolean {
  return diagnostic.fixes.some((f) => !f.manual && (f.safe || unsafe));
}

/** The closing line of the text format. */
export function summaryLine(report: JsonReport): string {
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  let total = 0;
  let fixable = 0;
  let checked = 0;
  let skipped = 0;
  for (const file of report.files) {
    if (file.skipped) skipped++;
    else checked++;
    for (const d of file.diagnostics) {
      total++;
      counts.set(d.severity, counts.get(d.severity)! + 1);
      if (isFixableByFixCommand(d)) fixable++;
    }
  }
  const parts = [`${plural(checked, 'file')} checked`];
  if (skipped) parts[0] += `, ${plural(skipped, 'file')} skipped`;
  if (total === 0) return `${parts[0]}: no problems.`;
  const bySeverity = SEVERITIES.map((s) => `${counts.get(s)} ${s === 'error' || s === 'warning' || s === 'hint' ? (counts.get(s) === 1 ? s : `${s}s`) : s}`).join(', ');
  return `${parts[0]}: ${plural(total, 'problem')} (${bySeverity}); ${fixable} fixable with \`seed-curator fix\`.`;
}
