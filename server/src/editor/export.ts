// What the export commands write: a JSONL record per cleaned document (text and metadata),
// and the people table as CSV or JSONL (one row per person and role).
import { findHeader, parseMetadataLine } from '../boilerplate/metadata';
import { SeedDocument } from '../core/document';
import type { PeopleReport } from '../people/cli-people';
import { detectVariant } from '../script/variant';

export interface DocumentRecord {
  path: string;
  /** Metadata from the `---` header and from metadata lines left in the text (first value per key wins). */
  metadata: Record<string, string>;
  script: string;
  fixedByRule: Record<string, number>;
  text: string;
}

export function documentRecord(path: string, cleaned: string, fixedByRule: Record<string, number>): DocumentRecord {
  const doc = new SeedDocument(path, cleaned);
  const metadata: Record<string, string> = {};
  const header = findHeader(doc);
  for (const e of header?.entries ?? []) metadata[e.key] ??= e.value;
  for (const line of doc.lines) {
    if (header && line.index <= header.close) continue;
    for (const pair of parseMetadataLine(line.text)?.pairs ?? []) metadata[pair.key] ??= pair.value;
  }
  return { path, metadata, script: detectVariant(cleaned).variant, fixedByRule, text: cleaned };
}

function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const PEOPLE_COLUMNS = ['name', 'aliases', 'kind', 'role', 'title', 'organization', 'date', 'file', 'line', 'mentions'] as const;

/** One row per person and role (a person without a role gets one row); lines are 1-based. */
export function peopleRows(report: PeopleReport): Array<Record<(typeof PEOPLE_COLUMNS)[number], string | number | null>> {
  const rows: Array<Record<(typeof PEOPLE_COLUMNS)[number], string | number | null>> = [];
  for (const p of report.people) {
    const base = { name: p.name, aliases: p.aliases.join('|'), kind: p.kind, mentions: p.mentions.length };
    if (p.roles.length === 0) {
      const m = p.mentions[0];
      rows.push({ ...base, role: null, title: null, organization: null, date: null, file: m?.file ?? null, line: m ? m.range.start.line + 1 : null });
    }
    for (const r of p.roles) rows.push({ ...base, role: r.text, title: r.title, organization: r.organization, date: r.date, file: r.file, line: r.range.start.line + 1 });
  }
  return rows;
}

export function peopleTable(report: PeopleReport, format: 'csv' | 'jsonl'): { text: string; rows: number } {
  const rows = peopleRows(report);
  if (format === 'jsonl') return { text: rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''), rows: rows.length };
  const lines = [PEOPLE_COLUMNS.join(','), ...rows.map((r) => PEOPLE_COLUMNS.map((c) => csvField(r[c])).join(','))];
  return { text: lines.join('\r\n') + '\r\n', rows: rows.length };
}
