// Findings a curator accepted ("this line is content"), kept in .seed-curator/accepted.json so
// the decisions are shared in git and survive re-scans. An entry names a rule and a line's text
// (normalised as the corpus normalises lines), not a line number: it follows the line when
// lines above it are added or removed, and stops applying once the line itself is edited.
import { normaliseLine } from '../core/corpus';
import type { SeedDocument } from '../core/document';
import type { Finding } from '../core/types';

export interface AcceptedEntry {
  rule: string;
  line: string;
}

export interface AcceptedFile {
  version: 1;
  accepted: AcceptedEntry[];
}

function key(rule: string, line: string): string {
  return `${rule}\u0000${normaliseLine(line)}`;
}

/** Reads accepted.json; malformed entries are dropped, a malformed file gives an error. */
export function parseAccepted(text: string): { entries: AcceptedEntry[]; error?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { entries: [], error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const list = raw && typeof raw === 'object' ? (raw as { accepted?: unknown }).accepted : undefined;
  if (!Array.isArray(list)) return { entries: [], error: 'expected {"version":1,"accepted":[{"rule","line"}]}' };
  const entries = list
    .filter((e): e is AcceptedEntry => !!e && typeof e === 'object' && typeof e.rule === 'string' && typeof e.line === 'string')
    .map((e) => ({ rule: e.rule, line: normaliseLine(e.line) }));
  return { entries };
}

/** The file text with one more entry (kept sorted, without duplicates, one entry a line for clean diffs). */
export function addAccepted(existing: readonly AcceptedEntry[], rule: string, line: string): string {
  const byKey = new Map<string, AcceptedEntry>();
  for (const e of [...existing, { rule, line: normaliseLine(line) }]) byKey.set(key(e.rule, e.line), e);
  const sorted = [...byKey.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.line.localeCompare(b.line));
  return `{\n  "version": 1,\n  "accepted": [\n${sorted.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;
}

export class AcceptedFindings {
  private readonly keys: Set<string>;

  constructor(entries: readonly AcceptedEntry[] = []) {
    this.keys = new Set(entries.map((e) => key(e.rule, e.line)));
  }

  get size(): number {
    return this.keys.size;
  }

  /** The text of the line a finding starts on: what an acceptance is keyed by. */
  static lineOf(doc: SeedDocument, finding: Finding): string {
    return doc.lineAt(doc.lineIndexAt(finding.start)).text;
  }

  isAccepted(doc: SeedDocument, finding: Finding): boolean {
    return this.keys.size > 0 && this.keys.has(key(finding.ruleId, AcceptedFindings.lineOf(doc, finding)));
  }

  filter(doc: SeedDocument, findings: Finding[]): Finding[] {
    return this.keys.size === 0 ? findings : findings.filter((f) => !this.isAccepted(doc, f));
  }
}
