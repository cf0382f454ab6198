// The editor commands' requests (protocol.ts, "Editor commands"): clean a file or the
// workspace, convert script, the corpus report, the exports, and accepted findings.
// server.ts keeps the state and hands it over through EditorHost; this module holds no
// LSP state of its own beyond the accepted findings.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, CodeAction, Connection, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { EngineConfig } from '../core/config';
import type { Corpus } from '../core/corpus';
import { SeedDocument } from '../core/document';
import { fixText, type FixOptions, type FixResult } from '../core/engine';
import { editsBetween } from '../core/text-edits';
import { fixWithinLimit } from './file-checks';
import type { Finding, TextEdit } from '../core/types';
import { peopleReport } from '../people/cli-people';
import {
  ACCEPT_FINDING_COMMAND,
  ACCEPTED_FILE,
  CLEAN_WORKSPACE,
  CONVERT_SCRIPT,
  CORPUS_REPORT,
  EXPORT_CORPUS,
  EXPORT_PEOPLE,
  FIX_FILE,
  type AcceptFindingArgs,
  type CleanWorkspaceParams,
  type CleanWorkspaceResult,
  type ConvertScriptParams,
  type ConvertScriptResult,
  type CorpusReportParams,
  type CorpusReportResult,
  type ExportCorpusParams,
  type ExportCorpusResult,
  type ExportPeopleParams,
  type ExportPeopleResult,
  type FixFileParams,
  type FixFileResult,
} from '../protocol';
import { REPAIRS_BEFORE_CONVERSION } from '../rules';
import { protectedTerms, type ScriptVariantOptions } from '../rules/script-variant';
import { ambiguousOccurrences, convertText, detectVariant, type Script } from '../script/variant';
import { AcceptedFindings, addAccepted, parseAccepted, type AcceptedEntry } from './accepted';
import { documentRecord, peopleTable } from './export';
import { buildCorpusReport, renderReportHtml } from './report';

export interface EditorHost {
  corpus: Corpus;
  config(): EngineConfig;
  /** Every seed file the server knows (workspace scan plus open documents), sorted. */
  uris(): string[];
  text(uri: string): string | undefined;
  version(uri: string): number | null;
  /** The current findings of a document (accepted ones already left out). */
  analyse(uri: string, text: string): { doc: SeedDocument; findings: Finding[] };
  lspEdits(doc: SeedDocument, edits: readonly TextEdit[]): LspTextEdit[];
  /** File-system paths of the workspace folders. */
  folderPaths(): string[];
  onRuleError(ruleId: string, error: unknown): void;
  /** Re-lints everything (after the accepted findings changed). */
  revalidateAll(): void;
  /** False in an untrusted workspace: its accepted.json is neither read nor written. */
  trusted(): boolean;
  /** Chinese names of the people the workspace's people index knows. */
  personNames(): string[];
  /** The analysis limit (seedCurator.maxFileSizeKB) in bytes: fix-all, cleaning and export stop there too. */
  maxFileBytes(): number;
}

// ---------------------------------------------------------------------------
// Accepted findings

let accepted = new AcceptedFindings();
const entriesByFolder = new Map<string, AcceptedEntry[]>();

export function acceptedFindings(): AcceptedFindings {
  return accepted;
}

/** True for the accepted.json of a workspace folder (so a watched change reloads it). */
export function isAcceptedFile(uri: string, host: EditorHost): boolean {
  try {
    const p = fileURLToPath(uri);
    return host.folderPaths().some((root) => path.resolve(root, ACCEPTED_FILE) === p);
  } catch {
    return false;
  }
}

/** Reads every folder's accepted.json; returns the problems to report. */
export async function loadAccepted(host: EditorHost): Promise<string[]> {
  const problems: string[] = [];
  entriesByFolder.clear();
  for (const root of host.trusted() ? host.folderPaths() : []) {
    const file = path.join(root, ACCEPTED_FILE);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      continue; // no accepted findings in this folder
    }
    const { entries, error } = parseAccepted(text);
    if (error) problems.push(`${file}: ${error}`);
    entriesByFolder.set(root, entries);
  }
  accepted = new AcceptedFindings([...entriesByFolder.values()].flat());
  return problems;
}

function folderOf(uri: string, host: EditorHost): string | undefined {
  let p: string;
  try {
    p = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  return host
    .folderPaths()
    .filter((root) => {
      const rel = path.relative(root, p);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    })
    .sort((a, b) => b.length - a.length)[0];
}

/** The quick fix offered on every one of our diagnostics. */
export function acceptAction(uri: string, diagnostic: Diagnostic, ruleId: string, lineText: string): CodeAction {
  const args: AcceptFindingArgs = { uri, ruleId, line: lineText };
  return {
    title: `Accept this line as content / ignore this ${ruleId} finding`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: 'Accept this line as content', command: ACCEPT_FINDING_COMMAND, arguments: [args] },
  };
}

async function acceptFinding(host: EditorHost, args: AcceptFindingArgs): Promise<boolean> {
  const root = folderOf(args.uri, host) ?? host.folderPaths()[0];
  if (!root || !host.trusted()) return false;
  const file = path.join(root, ACCEPTED_FILE);
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Re-read the file: a teammate's entries pulled from git meanwhile are kept.
  let existing: AcceptedEntry[] = [];
  try {
    existing = parseAccepted(await fs.readFile(file, 'utf8')).entries;
  } catch {
    // First acceptance in this folder.
  }
  await fs.writeFile(file, addAccepted(existing, args.ruleId, args.line), 'utf8');
  await loadAccepted(host);
  host.revalidateAll();
  return true;
}

// ---------------------------------------------------------------------------
// Helpers

function fixOptions(host: EditorHost): FixOptions {
  return { corpus: host.corpus, config: host.config(), onRuleError: (id, e) => host.onRuleError(id, e), keepFindings: (doc, fs) => accepted.filter(doc, fs) };
}

/** Fix-all of a file as cleaning and export do it: within the size limit, accepted findings left alone. */
function fixWithHost(host: EditorHost, uri: string, text: string): FixResult {
  return fixWithinLimit(uri, text, host.maxFileBytes(), fixOptions(host));
}

function relativePath(uri: string, host: EditorHost): string {
  let p: string;
  try {
    p = fileURLToPath(uri);
  } catch {
    return uri;
  }
  const root = folderOf(uri, host);
  return (root ? path.relative(root, p) : path.basename(p)).split(path.sep).join('/');
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [id, n] of Object.entries(from)) into[id] = (into[id] ?? 0) + n;
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, n]) => `${id} ×${n}`)
    .join(', ');
}

// ---------------------------------------------------------------------------
// Requests

function fixFile(host: EditorHost, params: FixFileParams): FixFileResult {
  const text = host.text(params.uri);
  if (text === undefined) return { edit: { documentChanges: [] }, fixedByRule: {} };
  const result = fixWithHost(host, params.uri, text);
  const edits = editsBetween(text, result.text);
  const doc = new SeedDocument(params.uri, text);
  return {
    edit: { documentChanges: edits.length ? [{ textDocument: { uri: params.uri, version: host.version(params.uri) }, edits: host.lspEdits(doc, edits) }] : [] },
    fixedByRule: result.fixedByRule,
  };
}

async function cleanWorkspace(host: EditorHost, params: CleanWorkspaceParams, token: CancellationToken): Promise<CleanWorkspaceResult> {
  const result: CleanWorkspaceResult = { edit: { documentChanges: [], changeAnnotations: {} }, files: 0, fixedByRule: {}, cancelled: false };
  for (const uri of host.uris()) {
    // Between files: a cancelled request returns what it has, and the client applies nothing.
    await yieldToEvents();
    if (token.isCancellationRequested) return { ...result, cancelled: true };
    const text = host.text(uri);
    if (text === undefined) continue;
    const fixed = fixWithHost(host, uri, text);
    const edits = editsBetween(text, fixed.text);
    if (edits.length === 0) continue;
    addCounts(result.fixedByRule, fixed.fixedByRule);
    const doc = new SeedDocument(uri, text);
    const annotationId = `file:${result.files}`;
    result.edit.changeAnnotations![annotationId] = { label: relativePath(uri, host), description: describeCounts(fixed.fixedByRule), needsConfirmation: params.needsConfirmation === true };
    result.edit.documentChanges.push({ textDocument: { uri, version: host.version(uri) }, edits: host.lspEdits(doc, edits).map((e) => ({ ...e, annotationId })) });
    result.files++;
  }
  return result;
}

function convertScript(host: EditorHost, params: ConvertScriptParams): ConvertScriptResult {
  const text = host.text(params.uri);
  const empty = (variant: string): ConvertScriptResult => ({ variant, config: 'none', protectedCount: 0, ambiguous: [], edit: { documentChanges: [] } });
  if (text === undefined) return empty('none');
  const options = (host.config().options['script-variant'] ?? {}) as ScriptVariantOptions;
  const to: Script = params.to ?? (options.target === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans');
  const report = detectVariant(text);
  // People the index knows keep their Simplified names through a conversion to Simplified (issue 4).
  const protect = [...protectedTerms(options), ...(to === 'zh-Hans' ? host.personNames() : [])];
  const convertOptions = { to, from: report.variant === 'zh-Hant' ? report.region : undefined, protect };
  const doc = new SeedDocument(params.uri, text);
  let start = 0;
  let end = text.length;
  let source: string;
  if (params.range) {
    start = doc.offsetAt(params.range.start);
    end = doc.offsetAt(params.range.end);
    source = text.slice(start, end);
  } else {
    if (report.variant === 'none' || report.variant === to) return empty(report.variant);
    // Encoding repairs first, so pinyin annotations and mojibake never reach the converter.
    source = fixText(params.uri, text, { ...fixOptions(host), only: [...REPAIRS_BEFORE_CONVERSION] }).text;
  }
  const converted = convertText(source, convertOptions);
  const ambiguous = ambiguousOccurrences(source, convertOptions).map(({ char, becomes, group, context }) => ({ char, becomes, group, context }));
  const newText = text.slice(0, start) + converted.text + text.slice(end);
  const edits = editsBetween(text, newText);
  return {
    variant: report.variant,
    config: converted.config,
    protectedCount: converted.protectedCount,
    ambiguous,
    edit: { documentChanges: edits.length ? [{ textDocument: { uri: params.uri, version: host.version(params.uri) }, edits: host.lspEdits(doc, edits) }] : [] },
  };
}

function corpusReport(host: EditorHost, params: CorpusReportParams): CorpusReportResult {
  const inputs = [];
  for (const uri of host.uris()) {
    const text = host.text(uri);
    if (text === undefined) continue;
    const { doc, findings } = host.analyse(uri, text);
    inputs.push({ uri, path: relativePath(uri, host), doc, findings });
  }
  let people;
  try {
    people = peopleReport(inputs.map((i) => ({ path: i.uri, text: i.doc.text })));
  } catch {
    people = undefined; // the report stands without the people table
  }
  const report = buildCorpusReport(inputs, people);
  const byRule: Record<string, number> = {};
  for (const r of report.rules) byRule[r.rule] = r.findings;
  return { html: renderReportHtml(report, params), files: report.files.length, findings: report.totalFindings, byRule };
}

/** The deepest folder holding every file: exported paths are relative to it. */
function commonDirectory(paths: string[]): string {
  if (paths.length === 0) return '';
  let common = path.dirname(paths[0]);
  for (const p of paths) while (path.relative(common, p).startsWith('..')) common = path.dirname(common);
  return common;
}

async function exportCorpus(host: EditorHost, params: ExportCorpusParams): Promise<ExportCorpusResult> {
  const target = fileURLToPath(params.folder);
  const uris = host.uris().filter((u) => u.startsWith('file:'));
  const base = commonDirectory(uris.map((u) => fileURLToPath(u)));
  const records: string[] = [];
  let files = 0;
  for (const uri of uris) {
    const text = host.text(uri);
    if (text === undefined) continue;
    const fixed = fixWithHost(host, uri, text);
    const rel = path.relative(base, fileURLToPath(uri));
    const out = path.join(target, rel);
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, fixed.text, 'utf8');
    records.push(JSON.stringify(documentRecord(rel.split(path.sep).join('/'), fixed.text, fixed.fixedByRule)));
    files++;
  }
  const jsonl = path.join(target, 'documents.jsonl');
  await fs.writeFile(jsonl, records.map((r) => r + '\n').join(''), 'utf8');
  return { files, jsonl: pathToFileURL(jsonl).href };
}

async function exportPeople(host: EditorHost, params: ExportPeopleParams): Promise<ExportPeopleResult> {
  const files = [];
  for (const uri of host.uris()) {
    const text = host.text(uri);
    if (text !== undefined) files.push({ path: relativePath(uri, host), text });
  }
  const report = peopleReport(files);
  const table = peopleTable(report, params.format === 'jsonl' ? 'jsonl' : 'csv');
  await fs.writeFile(fileURLToPath(params.target), table.text, 'utf8');
  return { people: report.people.length, rows: table.rows };
}

/** Registers the editor requests and the accept command; the server lists ACCEPT_FINDING_COMMAND in executeCommandProvider. */
export function registerEditorRequests(connection: Connection, host: EditorHost): void {
  connection.onRequest(FIX_FILE, (params: FixFileParams) => fixFile(host, params));
  connection.onRequest(CLEAN_WORKSPACE, (params: CleanWorkspaceParams | undefined, token: CancellationToken) => cleanWorkspace(host, params ?? {}, token));
  connection.onRequest(CONVERT_SCRIPT, (params: ConvertScriptParams) => convertScript(host, params));
  connection.onRequest(CORPUS_REPORT, (params: CorpusReportParams) => corpusReport(host, params));
  connection.onRequest(EXPORT_CORPUS, (params: ExportCorpusParams) => exportCorpus(host, params));
  connection.onRequest(EXPORT_PEOPLE, (params: ExportPeopleParams) => exportPeople(host, params));
  connection.onExecuteCommand(async (params) => {
    if (params.command !== ACCEPT_FINDING_COMMAND) return undefined;
    const args = params.arguments?.[0] as AcceptFindingArgs | undefined;
    if (!args || typeof args.uri !== 'string' || typeof args.ruleId !== 'string' || typeof args.line !== 'string') return false;
    return acceptFinding(host, args);
  });
}
