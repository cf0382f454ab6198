// The corpus report: counts per rule and per file, the share of each file that is damage
// (encoding findings) and boilerplate, the most repeated lines and the people; built from
// the findings the server already holds, rendered as self-contained HTML for a webview.
import { normaliseLine } from '../core/corpus';
import type { SeedDocument } from '../core/document';
import type { Position } from '../core/positions';
import type { Category, Finding } from '../core/types';
import type { PeopleReport } from '../people/cli-people';
import { ruleById } from '../rules';

export interface ReportFileInput {
  uri: string;
  /** The path shown (relative to the workspace folder). */
  path: string;
  doc: SeedDocument;
  findings: readonly Finding[];
}

export interface Place {
  uri: string;
  position: Position;
}

export interface RuleRow {
  rule: string;
  category: Category | 'unknown';
  findings: number;
  files: number;
  first: Place;
}

export interface FileRow {
  uri: string;
  path: string;
  findings: number;
  /** Share of the file's characters inside encoding findings, 0..1. */
  damageShare: number;
  /** Share of the file's characters inside boilerplate findings, 0..1. */
  boilerplateShare: number;
  first?: Place;
}

export interface RepeatedLine {
  text: string;
  files: number;
  first: Place;
}

export interface PersonRow {
  name: string;
  kind: string;
  roles: string[];
  mentions: number;
  first?: Place;
}

export interface CorpusReport {
  files: FileRow[];
  rules: RuleRow[];
  repeatedLines: RepeatedLine[];
  people: PersonRow[];
  totalFindings: number;
}

/** Characters covered by the union of the spans, clipped to the text. */
function covered(spans: Array<{ start: number; end: number }>, length: number): number {
  const sorted = spans.map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) })).filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = 0;
  for (const s of sorted) {
    const from = Math.max(s.start, reach);
    if (s.end > from) total += s.end - from;
    reach = Math.max(reach, s.end);
  }
  return total;
}

function categoryOf(ruleId: string): Category | 'unknown' {
  return ruleById(ruleId)?.category ?? 'unknown';
}

const MIN_REPEATED_LENGTH = 4;

export function buildCorpusReport(inputs: readonly ReportFileInput[], people: PeopleReport | undefined, maxRepeated = 20): CorpusReport {
  const rules = new Map<string, RuleRow & { fileSet: Set<string> }>();
  const files: FileRow[] = [];
  const lineFiles = new Map<string, { files: Set<string>; first: Place; text: string }>();
  let totalFindings = 0;
  for (const input of inputs) {
    const { doc, findings } = input;
    totalFindings += findings.length;
    const length = Math.max(1, doc.text.length);
    const spansOf = (category: Category) => findings.filter((f) => categoryOf(f.ruleId) === category).map((f) => ({ start: f.start, end: Math.max(f.end, f.start + 1) }));
    const sorted = [...findings].sort((a, b) => a.start - b.start);
    files.push({
      uri: input.uri,
      path: input.path,
      findings: findings.length,
      damageShare: covered(spansOf('encoding'), doc.text.length) / length,
      boilerplateShare: covered(spansOf('boilerplate'), doc.text.length) / length,
      first: sorted[0] ? { uri: input.uri, position: doc.positionAt(sorted[0].start) } : undefined,
    });
    for (const f of sorted) {
      let row = rules.get(f.ruleId);
      if (!row) rules.set(f.ruleId, (row = { rule: f.ruleId, category: categoryOf(f.ruleId), findings: 0, files: 0, first: { uri: input.uri, position: doc.positionAt(f.start) }, fileSet: new Set() }));
      row.findings++;
      row.fileSet.add(input.uri);
    }
    for (const line of doc.lines) {
      const text = normaliseLine(line.text);
      if (text.length < MIN_REPEATED_LENGTH) continue;
      let entry = lineFiles.get(text);
      if (!entry) lineFiles.set(text, (entry = { files: new Set(), first: { uri: input.uri, position: { line: line.index, character: 0 } }, text }));
      entry.files.add(input.uri);
    }
  }
  const repeatedLines = [...lineFiles.values()]
    .filter((e) => e.files.size >= 2)
    .sort((a, b) => b.files.size - a.files.size || a.text.localeCompare(b.text))
    .slice(0, maxRepeated)
    .map((e) => ({ text: e.text, files: e.files.size, first: e.first }));

  const byUri = new Map(inputs.map((i) => [i.uri, i]));
  const peopleRows: PersonRow[] = (people?.people ?? []).map((p) => {
    const firstMention = p.mentions[0] ?? (p.roles[0] ? { file: p.roles[0].file, range: p.roles[0].range } : undefined);
    return {
      name: p.name,
      kind: p.kind,
      roles: [...new Set(p.roles.map((r) => r.text))],
      mentions: p.mentions.length,
      first: firstMention && byUri.has(firstMention.file) ? { uri: firstMention.file, position: firstMention.range.start } : undefined,
    };
  });

  return {
    files,
    rules: [...rules.values()].map(({ fileSet, ...row }) => ({ ...row, files: fileSet.size })).sort((a, b) => b.findings - a.findings || a.rule.localeCompare(b.rule)),
    repeatedLines,
    people: peopleRows,
    totalFindings,
  };
}

// ---------------------------------------------------------------------------
// HTML

export interface RenderOptions {
  cspSource: string;
  nonce: string;
  /** The command a link runs, with the arguments [uri, line, character]. */
  openCommand: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A `command:` link to a place; the webview allows only this one command. */
function link(options: RenderOptions, place: Place | undefined, label: string): string {
  if (!place) return escapeHtml(label);
  const args = encodeURIComponent(JSON.stringify([place.uri, place.position.line, place.position.character]));
  return `<a href="command:${options.openCommand}?${args}" title="line ${place.position.line + 1}">${escapeHtml(label)}</a>`;
}

function percent(x: number): string {
  return `${(100 * x).toFixed(x > 0 && x < 0.01 ? 1 : 0)}%`;
}

const BAR_WIDTH = 240;
const BAR_HEIGHT = 16;

/** Two stacked bars, damage then boilerplate, as inline SVG coloured by the theme (CSS classes). */
function bars(row: FileRow): string {
  const damage = Math.round(BAR_WIDTH * Math.min(1, row.damageShare));
  const boilerplate = Math.round(BAR_WIDTH * Math.min(1, row.boilerplateShare));
  const label = `damage ${percent(row.damageShare)}, boilerplate ${percent(row.boilerplateShare)}`;
  return (
    `<svg class="bars" width="${BAR_WIDTH}" height="${BAR_HEIGHT * 2 + 2}" role="img" aria-label="${label}"><title>${label}</title>` +
    `<rect class="track" x="0" y="0" width="${BAR_WIDTH}" height="${BAR_HEIGHT}"/><rect class="damage" x="0" y="0" width="${damage}" height="${BAR_HEIGHT}"/>` +
    `<rect class="track" x="0" y="${BAR_HEIGHT + 2}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}"/><rect class="boilerplate" x="0" y="${BAR_HEIGHT + 2}" width="${boilerplate}" height="${BAR_HEIGHT}"/></svg>`
  );
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.5em 2em; }
h1, h2 { font-weight: 600; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { text-align: left; padding: 0.25em 0.8em; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); vertical-align: middle; }
th { color: var(--vscode-descriptionForeground); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; }
a:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
.track { fill: var(--vscode-editorWidget-background, transparent); }
.damage { fill: var(--vscode-charts-red, var(--vscode-errorForeground)); }
.boilerplate { fill: var(--vscode-charts-yellow, var(--vscode-editorWarning-foreground)); }
.key { display: inline-block; width: 0.9em; height: 0.9em; vertical-align: middle; }
.key.damage { background: var(--vscode-charts-red, var(--vscode-errorForeground)); }
.key.boilerplate { background: var(--vscode-charts-yellow, var(--vscode-editorWarning-foreground)); }
.muted { color: var(--vscode-descriptionForeground); }
`;

export function renderReportHtml(report: CorpusReport, options: RenderOptions): string {
  const csp = `default-src 'none'; img-src ${options.cspSource} data:; style-src 'nonce-${options.nonce}';`;
  const out: string[] = [];
  out.push(`<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">`);
  out.push(`<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Seed Curator: corpus report</title><style nonce="${escapeHtml(options.nonce)}">${STYLE}</style></head><body>`);
  out.push(`<h1>Corpus report</h1><p>${report.files.length} files, ${report.totalFindings} findings.</p>`);

  out.push('<h2>Findings per rule</h2><table><thead><tr><th>Rule</th><th>Category</th><th>Findings</th><th>Files</th></tr></thead><tbody>');
  for (const r of report.rules) out.push(`<tr><td>${link(options, r.first, r.rule)}</td><td>${escapeHtml(r.category)}</td><td class="n">${r.findings}</td><td class="n">${r.files}</td></tr>`);
  if (report.rules.length === 0) out.push('<tr><td colspan="4" class="muted">No findings.</td></tr>');
  out.push('</tbody></table>');

  out.push(`<h2>Files</h2><p class="muted"><span class="key damage"></span> damage (encoding findings) <span class="key boilerplate"></span> boilerplate, as shares of each file's characters.</p>`);
  out.push('<table><thead><tr><th>File</th><th>Findings</th><th>Damage</th><th>Boilerplate</th><th>Share</th></tr></thead><tbody>');
  for (const f of report.files) {
    out.push(`<tr><td>${link(options, f.first ?? { uri: f.uri, position: { line: 0, character: 0 } }, f.path)}</td><td class="n">${f.findings}</td><td class="n">${percent(f.damageShare)}</td><td class="n">${percent(f.boilerplateShare)}</td><td>${bars(f)}</td></tr>`);
  }
  out.push('</tbody></table>');

  out.push('<h2>Most repeated lines</h2><table><thead><tr><th>Line</th><th>Files</th></tr></thead><tbody>');
  for (const l of report.repeatedLines) out.push(`<tr><td>${link(options, l.first, l.text.length > 80 ? l.text.slice(0, 79) + '…' : l.text)}</td><td class="n">${l.files}</td></tr>`);
  if (report.repeatedLines.length === 0) out.push('<tr><td colspan="2" class="muted">No line occurs in two files.</td></tr>');
  out.push('</tbody></table>');

  out.push('<h2>People</h2><table><thead><tr><th>Name</th><th>Kind</th><th>Roles</th><th>Mentions</th></tr></thead><tbody>');
  for (const p of report.people) out.push(`<tr><td>${link(options, p.first, p.name)}</td><td>${escapeHtml(p.kind)}</td><td>${escapeHtml(p.roles.join('; '))}</td><td class="n">${p.mentions}</td></tr>`);
  if (report.people.length === 0) out.push('<tr><td colspan="4" class="muted">No people found.</td></tr>');
  out.push('</tbody></table></body></html>');
  return out.join('');
}
