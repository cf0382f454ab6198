// The language server: the pure engine (server/src/core, server/src/rules) exposed over LSP.
// Runs over stdio (`--stdio`), IPC (`--node-ipc`) or sockets, as vscode-languageserver decides
// from its command line.
import { promises as fs, readFile } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect, promisify } from 'node:util';
import fg from 'fast-glob';
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  FileChangeType,
  Hover,
  HoverParams,
  InitializeParams,
  InitializeResult,
  MarkupKind,
  ProposedFeatures,
  AbstractMessageWriter,
  type Message,
  type MessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
  WorkspaceFolder,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, resolveEdits } from './core/applyEdits';
import { DEFAULT_CONFIG, parseConfig, type EngineConfig } from './core/config';
import { Corpus } from './core/corpus';
import { SeedDocument } from './core/document';
import { lint, lintSteps } from './core/engine';
import { editsBetween } from './core/text-edits';
import type { Finding, Fix, RelatedLocation, Severity, TextEdit } from './core/types';
import { ruleById } from './rules';
import { AcceptedFindings } from './editor/accepted';
import { acceptAction, acceptedFindings, isAcceptedFile, loadAccepted, registerEditorRequests, type EditorHost } from './editor/handlers';
import { ACCEPT_FINDING_COMMAND, PROTECT_FILE, WORKSPACE_TRUSTED, type SeedCuratorInitializationOptions } from './protocol';
import { fileProblem, fixWithinLimit, partToAnalyse } from './editor/file-checks';
import { PeopleTrackingCorpus, SEMANTIC_TOKEN_LEGEND, WorkspacePeople } from './lsp/people';
import { DocumentLinter, documentRules, merged, type LintSettings } from './lsp/incremental-lint';
import { lintInWorkers, scanThreads, type ScanResult } from './lsp/scan-pool';
import { DeletionsDuringReads } from './lsp/deletions';
import { holdRead, installTestHooks } from './lsp/test-hooks';
import {
  CONFIG_SECTION,
  DEFAULT_FILE_GLOBS,
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  FIX_ALL_IN_WORKSPACE,
  type FixAllInWorkspaceParams,
  type DiagnosticData,
  type DiagnosticFixData,
  type FixAllInWorkspaceResult,
  type SeedCuratorSettings,
} from './protocol';

const DEFAULT_DEBOUNCE_MS = 150;
/** The client command that previews and applies a conversion to Simplified. */
const CONVERT_COMMAND = 'seedCurator.convertToSimplified';
/** Diagnostic code of what the server says about a file itself (its encoding, its size), not a rule's finding. */
const FILE_NOTICE = 'file';
const SCAN_IGNORE = ['**/node_modules/**', '**/.git/**'];

const DEFAULT_MAX_FILE_SIZE_KB = 1024;

interface Settings {
  files: string[];
  debounceMs: number;
  /** Files larger than this are analysed in part (whole lines up to the limit). */
  maxFileSizeKB: number;
  /** Worker threads of the workspace scan (0: automatic, see lsp/scan-pool scanThreads). */
  scanThreads: number;
  config: EngineConfig;
}

const DEFAULT_SETTINGS: Settings = { files: [...DEFAULT_FILE_GLOBS], debounceMs: DEFAULT_DEBOUNCE_MS, maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB, scanThreads: 0, config: DEFAULT_CONFIG };

function readSettings(raw: unknown, workspaceProtectedTerms: string[] = []): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as SeedCuratorSettings;
  const globs = typeof s.files === 'string' ? [s.files] : Array.isArray(s.files) ? s.files.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
  const debounce = typeof s.debounceMs === 'number' && Number.isFinite(s.debounceMs) && s.debounceMs >= 0 ? s.debounceMs : DEFAULT_DEBOUNCE_MS;
  return {
    files: globs.length > 0 ? globs : [...DEFAULT_FILE_GLOBS],
    debounceMs: debounce,
    maxFileSizeKB: typeof s.maxFileSizeKB === 'number' && s.maxFileSizeKB > 0 ? s.maxFileSizeKB : DEFAULT_MAX_FILE_SIZE_KB,
    scanThreads: typeof s.scanThreads === 'number' && Number.isFinite(s.scanThreads) && s.scanThreads >= 0 ? Math.floor(s.scanThreads) : 0,
    config: parseConfig({
      rules: s.rules,
      options: {
        ...s.options,
        'script-variant': {
          target: s.targetScript === 'zh-Hant' || s.targetScript === 'off' ? s.targetScript : 'zh-Hans',
          extraProtect: [...(Array.isArray(s.protectedTerms) ? s.protectedTerms.filter((t) => typeof t === 'string') : []), ...workspaceProtectedTerms],
        },
      },
    }),
  };
}

/** Terms listed one a line in each workspace folder's .seed-curator/protect.txt (# starts a comment); none until the workspace is trusted. */
async function readWorkspaceProtectedTerms(): Promise<string[]> {
  const terms: string[] = [];
  if (!workspaceTrusted) return terms;
  for (const folder of folders) {
    try {
      const text = await fs.readFile(path.join(fileURLToPath(folder.uri), PROTECT_FILE), 'utf8');
      for (const line of text.split(/\r?\n/)) {
        const term = line.replace(/#.*/, '').trim();
        if (term) terms.push(term);
      }
    } catch {
      // No protect file in this folder.
    }
  }
  return terms;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The stdio transport's writer: a message is encoded when it is sent and written, header and
 * body, in one write; the bytes are those of the library's writer. That one encodes each message
 * a turn of the event loop after the one before it was written, and writes the header and the
 * body apart: 100 KB documents' first diagnostics after an edit came 30–45 ms after it at the
 * median, 20–30 ms with this writer (load 4).
 */
class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let bytes: Buffer;
    try {
      const json = JSON.stringify(msg);
      const length = Buffer.byteLength(json, 'utf8');
      const header = `Content-Length: ${length}\r\n\r\n`;
      bytes = Buffer.allocUnsafe(header.length + length);
      bytes.write(header, 0, 'ascii');
      bytes.write(json, header.length, 'utf8');
    } catch (error) {
      this.fireError(error, msg);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(bytes, (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, msg);
        reject(error);
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}

/**
 * The connection over the transport the command line names. For --stdio the input stays a stream
 * (the library exits when it ends, as it does for its own stdio) and the output is the writer
 * above: the library tells a writer from a stream at run time, though its types pair a stream
 * with a stream only.
 */
function connect() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const stdio = createConnection(ProposedFeatures.all, process.stdin, new StdioMessageWriter(process.stdout) as unknown as NodeJS.WritableStream);
  // As the library does for its own stdio: stdout carries the protocol, console output goes to the client's log.
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.debug = (...args: unknown[]) => stdio.console.log(text(args));
  console.info = (...args: unknown[]) => stdio.console.info(text(args));
  console.warn = (...args: unknown[]) => stdio.console.warn(text(args));
  console.error = console.trace = (...args: unknown[]) => stdio.console.error(text(args));
  console.dir = (arg: unknown) => stdio.console.log(inspect(arg));
  return stdio;
}

const connection = connect();
const documents = new TextDocuments(TextDocument);
/** The analysis limit (seedCurator.maxFileSizeKB) in bytes. */
function maxFileBytes(): number {
  return settings.maxFileSizeKB * 1024;
}

/** What the rules and the people index read of a text: all of it, or whole lines up to the size limit, with a note. */
function analysedPart(text: string): { text: string; note?: string } {
  return partToAnalyse(text, maxFileBytes());
}

/** The people index reads a file over the size limit only as far as the rules do (a 10 MB line held the server 35 s). */
class PeopleWithinLimit extends WorkspacePeople {
  override set(uri: string, text: string): void {
    super.set(uri, analysedPart(text).text);
  }
}

// The people index (hover, navigation, symbols) receives every text the corpus does.
const people = new PeopleWithinLimit();
const corpus: Corpus = new PeopleTrackingCorpus(people);

let settings: Settings = DEFAULT_SETTINGS;
let folders: WorkspaceFolder[] = [];
let supportsConfiguration = false;
let supportsWorkDoneProgress = false;
let supportsFolderChanges = false;
let supportsCodeActionResolve = false;
let supportsVersionedEdits = false;
/** False until the user trusts the workspace (the client says so); workspace files are not read before. */
let workspaceTrusted = true;

/** Files found by the workspace scan or the file watcher (as opposed to documents merely opened). */
const workspaceFiles = new Set<string>();
const timers = new Map<string, NodeJS.Timeout>();
const failedRules = new Set<string>();
const unreadable = new Set<string>();
/** Deletions reported while files are read (lsp/deletions). */
const deletions = new DeletionsDuringReads();

function onRuleError(ruleId: string, error: unknown): void {
  if (failedRules.has(ruleId)) return;
  failedRules.add(ruleId);
  const detail = error instanceof Error ? error.stack ?? error.message : String(error);
  connection.console.error(`Rule ${ruleId} failed and was skipped (reported once): ${detail}`);
}

installTestHooks();

// ---------------------------------------------------------------------------
// Findings per document version, computed once and shared by diagnostics, hover and code actions.

interface Analysis {
  text: string;
  doc: SeedDocument;
  findings: Finding[];
  /** The document rules' findings are carried over from an earlier text while they run again (lsp/incremental-lint). */
  provisional?: boolean;
}

const analyses = new Map<string, Analysis>();
/** Open documents' linters: line-local findings cached by line, the document rules' last complete findings. */
const linters = new Map<string, DocumentLinter>();
/**
 * An edited open document of at least this many characters (its lint takes some 50 ms or more,
 * on a quiet machine) gets a provisional publication first (line-local rules exact, the other
 * rules' findings carried over from the last complete lint, or none for a document just opened
 * that the scan did not diagnose), and the complete one after the other rules have run again
 * in the background. By size, not by measured time, so that what
 * a client sees does not depend on the machine's load.
 */
const PROVISIONAL_MIN_CHARS = 16_384;
/**
 * Work per turn of the event loop while a document is linted in the background (the people
 * index's catching up, then the rules' parts): a request that arrives meanwhile waits about
 * this long, at most a part more.
 */
const BACKGROUND_SLICE_MS = 2;
/** Sent after each publication for an open document: `{uri, version, complete}`; complete is false for a provisional one. */
const ANALYSED_NOTIFICATION = 'seedCurator/analysed';

/** The text the server holds for a uri: the open document's, else the corpus's (from disk). */
function currentText(uri: string): string | undefined {
  return documents.get(uri)?.getText() ?? corpus.text(uri);
}

function currentVersion(uri: string): number | null {
  return documents.get(uri)?.version ?? null;
}

function lintSettings(): LintSettings {
  return { config: settings.config, corpus, onRuleError };
}

function linterOf(uri: string): DocumentLinter {
  let linter = linters.get(uri);
  if (!linter) linters.set(uri, (linter = new DocumentLinter(uri)));
  return linter;
}

/** Stores the findings of a text, less those a curator accepted (.seed-curator/accepted.json), plus the size notice. */
function remember(uri: string, text: string, doc: SeedDocument, note: string | undefined, findings: Finding[], provisional: boolean): Analysis {
  const kept = acceptedFindings().filter(doc, findings);
  if (note) kept.unshift({ ruleId: FILE_NOTICE, start: 0, end: doc.lineAt(0).end, message: note, severity: 'information', fixes: [] });
  const analysis: Analysis = { text, doc, findings: kept, provisional };
  analyses.set(uri, analysis);
  return analysis;
}

/** The findings of a text, computed once per text; `complete` refuses a provisional result. */
function analyse(uri: string, text: string, complete = false): Analysis {
  const cached = analyses.get(uri);
  if (cached && cached.text === text && !(complete && cached.provisional)) return cached;
  const doc = cached?.text === text ? cached.doc : new SeedDocument(uri, text);
  // A file over the size limit is analysed up to a line break before it, and says so.
  const part = analysedPart(text);
  const analysed = part.text === text ? doc : new SeedDocument(uri, part.text);
  let findings: Finding[];
  if (documents.get(uri)) {
    // An open document is linted incrementally: unchanged lines answer from the cache.
    const linter = linterOf(uri);
    findings = merged(linter.lineFindings(analysed, lintSettings()), linter.documentFindings(analysed, lintSettings()));
  } else {
    findings = lint(analysed, { config: settings.config, corpus, onRuleError });
  }
  return remember(uri, text, doc, part.note, findings, false);
}

/** The quick first answer for an edited or just opened document whose lint is slow; undefined when a complete lint should run at once. */
function provisionalAnalysis(uri: string, text: string): Analysis | undefined {
  if (!documents.get(uri) || text.length < PROVISIONAL_MIN_CHARS) return undefined;
  if (analyses.get(uri)?.text === text) return undefined;
  if (analysedPart(text).text !== text) return undefined;
  const existing = linters.get(uri);
  let carried = existing?.carried(text, settings.config);
  if (!carried) {
    // Just opened and never diagnosed by the document rules (not a file of the workspace scan,
    // no complete lint yet): the line rules' findings first, the document rules' with the
    // complete lint. Findings only come, none go: a file the scan diagnosed (or a document
    // under new settings) waits for the complete lint instead, or its other findings would
    // vanish and come back.
    if (existing?.documentRulesRan || workspaceFiles.has(uri)) return undefined;
    carried = [];
  }
  const linter = linterOf(uri);
  const doc = new SeedDocument(uri, text);
  return remember(uri, text, doc, undefined, merged(linter.lineFindings(doc, lintSettings()), carried), true);
}

/**
 * The complete lint of a provisional analysis, one document rule (or group) at a time with the event loop
 * let through between them (requests and edits are served meanwhile); given up when the text
 * changes, then the next edit starts its own.
 */
async function completeInBackground(uri: string, text: string, version: number | null): Promise<void> {
  if (completing.get(uri) === text) return;
  completing.set(uri, text);
  try {
    await completeLint(uri, text, version);
  } finally {
    if (completing.get(uri) === text) completing.delete(uri);
  }
}

/** The text whose complete lint runs in the background, per uri. */
const completing = new Map<string, string>();

async function completeLint(uri: string, text: string, version: number | null): Promise<void> {
  const config = settings.config;
  const stillCurrent = () => currentText(uri) === text && currentVersion(uri) === version && settings.config === config && analyses.get(uri)?.text === text;
  await yieldToEvents();
  if (!stillCurrent()) return;
  // The people index catches up first, in slices, so a hover after the edit answers from the index.
  while (people.step(BACKGROUND_SLICE_MS)) {
    await yieldToEvents();
    if (!stillCurrent()) return;
  }
  const linter = linters.get(uri);
  const provisional = analyses.get(uri);
  if (!linter || !provisional) return;
  // A slice of rules' parts at a time, requests and edits served between slices. Should the corpus
  // change meanwhile (another file edited), the rules start again, so all of them read one corpus.
  let found: Finding[] | undefined;
  for (let attempt = 0; !found; attempt++) {
    const revision = corpus.revision;
    const steps = lintSteps(provisional.doc, { config, corpus, rules: documentRules(), onRuleError });
    let step = steps.next();
    while (!step.done) {
      await yieldToEvents();
      if (!stillCurrent()) return;
      const until = performance.now() + BACKGROUND_SLICE_MS;
      do step = steps.next();
      while (!step.done && performance.now() < until);
    }
    if (corpus.revision === revision || attempt >= 2) found = step.value;
  }
  linter.rememberDocumentFindings(text, config, found);
  const lines = linter.lineFindings(provisional.doc, lintSettings());
  void publish(uri, version, remember(uri, text, provisional.doc, undefined, merged(lines, found), false));
}

// ---------------------------------------------------------------------------
// Diagnostics

function lspEdits(doc: SeedDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  // The same resolution applyEdits uses, so the editor never receives overlapping edits.
  const { applied } = resolveEdits(doc.text.length, edits);
  return applied.map((e) => ({ range: doc.rangeOf(e.start, e.end), newText: e.text }));
}

function fixData(doc: SeedDocument, fix: Fix): DiagnosticFixData {
  if (fix.edits.length === 1) {
    // Most fixes: one edit, which resolveEdits would only clamp to the text (without its sort and copies).
    const e = fix.edits[0];
    const start = Math.max(0, Math.min(e.start, doc.text.length));
    const end = Math.max(start, Math.min(e.end, doc.text.length));
    return { title: fix.title, safe: fix.safe, edits: [[start, end, e.text]] };
  }
  // Resolved as the editor's edits would be, so the data never holds overlapping edits.
  const { applied } = resolveEdits(doc.text.length, fix.edits);
  return { title: fix.title, safe: fix.safe, edits: applied.map((e) => [e.start, e.end, e.text]) };
}

/**
 * Related locations sent with a diagnostic. A line repeated across a site's pages names up
 * to 20 other files; all of them made the repeated lines ~70% of a scan's publications (125 KB
 * per 2.7 KB file) and of its JSON encoding time. The message gives the count, the hover the list.
 */
const RELATED_PUBLISHED = 5;

function toDiagnostic(doc: SeedDocument, finding: Finding, version: number | null): Diagnostic {
  // Manual fixes are whole-file actions repeated on every finding of their rule ("Remove all
  // boilerplate in this file": 146 edits on each of 146 findings made a 100 KB document's
  // publication 7 MB); code actions offer them from the server's own findings.
  const diagnostic: Diagnostic = {
    range: doc.rangeOf(finding.start, finding.end),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  // Fixes travel with an open document's diagnostics only. An editor asks for fixes in an open
  // document, and opening a file publishes it again with them; in a workspace scan the fix data
  // was over a quarter of the JSON the server encoded and the editor parsed.
  if (version !== null) diagnostic.data = { version, fixes: finding.fixes.filter((f) => !f.manual).map((f) => fixData(doc, f)) } satisfies DiagnosticData;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.slice(0, RELATED_PUBLISHED).map((r) => {
      const text = currentText(r.uri);
      const range = text === undefined ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : analyseRangeOf(r.uri, text, r.start, r.end);
      return { location: { uri: r.uri, range }, message: r.message };
    });
  }
  return diagnostic;
}

/**
 * Documents of other files that related locations point into, most recently used last: a
 * publication's findings point into the same few sibling files again and again, and
 * splitting such a file into lines once per related location took a quarter of a scan.
 */
const relatedDocuments = new Map<string, SeedDocument>();
const RELATED_DOCUMENTS_KEPT = 64;

function analyseRangeOf(uri: string, text: string, start: number, end: number) {
  const cached = analyses.get(uri);
  if (cached && cached.text === text) return cached.doc.rangeOf(start, end);
  let doc = relatedDocuments.get(uri);
  if (doc && doc.text === text) relatedDocuments.delete(uri);
  else doc = new SeedDocument(uri, text);
  relatedDocuments.set(uri, doc);
  if (relatedDocuments.size > RELATED_DOCUMENTS_KEPT) relatedDocuments.delete(relatedDocuments.keys().next().value!);
  return doc.rangeOf(start, end);
}

/** Publishes the findings of an analysis; resolves once the message is written out. */
function publish(uri: string, version: number | null, analysis: Analysis): Promise<void> {
  // VS Code shows hints only inside an open editor (the Problems view lists errors, warnings
  // and infos), and a closed file's hints were over half of what a workspace scan sent: they
  // are published when the file is opened, which lints it again.
  const shown = documents.get(uri) ? analysis.findings : analysis.findings.filter((f) => f.severity !== 'hint');
  const diagnostics = shown.map((f) => toDiagnostic(analysis.doc, f, version));
  const written = connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics });
  // Says whether more is coming for this version (clients may ignore it; the latency bench waits on it).
  if (version !== null) void connection.sendNotification(ANALYSED_NOTIFICATION, { uri, version, complete: !analysis.provisional });
  return written;
}

/** Lints one document and publishes, unless it changed meanwhile. */
function validate(uri: string): void {
  const text = currentText(uri);
  if (text === undefined) return;
  const version = currentVersion(uri);
  // A provisional analysis made for a hover since the edit is completed the same way.
  const analysis = provisionalAnalysis(uri, text) ?? analyse(uri, text);
  // Stale results are dropped: publish only for the version (and text) still current.
  if (currentVersion(uri) !== version || currentText(uri) !== text) return;
  const written = publish(uri, version, analysis);
  // The complete lint waits until the provisional publication is out: a pipe takes some 64 KB
  // per turn of the event loop, so a publication of several hundred KB written while the rules
  // ran between turns reached the editor only after them (first diagnostics after an edit of
  // a 100 KB document: 50–450 ms, of which the server's own work was 15).
  if (analysis.provisional) {
    const complete = () => void completeInBackground(uri, text, version);
    written.then(complete, complete);
  }
  // A scanned file that is not open gets no hover or code action: its findings need not stay
  // in memory for the whole workspace (they are recomputed if asked for).
  if (!documents.get(uri)) analyses.delete(uri);
}

function schedule(uri: string, delay = settings.debounceMs): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      validate(uri);
    }, delay),
  );
}

function clearDiagnostics(uri: string): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.delete(uri);
  analyses.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
}

// ---------------------------------------------------------------------------
// Workspace scan and file events

function folderPaths(): string[] {
  const out: string[] = [];
  for (const f of folders) {
    try {
      out.push(fileURLToPath(f.uri));
    } catch {
      // Not a file: URI (a virtual workspace); nothing to scan there.
    }
  }
  return out;
}

function isInWorkspace(fsPath: string): boolean {
  return folderPaths().some((root) => {
    const rel = path.relative(root, fsPath);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

/** fs.readFile through its callback: a scan's 3,000 reads took 40% less CPU than through fs.promises. */
const readBytes = promisify(readFile);

/** A seed file's text; undefined when it cannot be read, is not UTF-8 text, or was deleted while being read. */
async function readSeed(uri: string): Promise<string | undefined> {
  const mark = deletions.begin();
  try {
    const bytes = await readBytes(fileURLToPath(uri));
    if (holdRead) await holdRead(uri, (m) => connection.console.log(m));
    if (deletions.deletedSince(uri, mark)) return undefined;
    unreadable.delete(uri);
    // Not UTF-8 text (GBK, Big5, UTF-16, binary): one diagnostic that says how to reopen it, no rules.
    const problem = fileProblem(bytes);
    if (problem) {
      const diagnostic: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: FILE_NOTICE, message: problem };
      void connection.sendDiagnostics({ uri, diagnostics: [diagnostic] });
      return undefined;
    }
    return bytes.toString('utf8');
  } catch (error) {
    // A file deleted or locked between listing and reading: skip it, say so once.
    if (!unreadable.has(uri)) {
      unreadable.add(uri);
      connection.console.warn(`Could not read ${uri}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return undefined;
  } finally {
    deletions.end();
  }
}

let scanGeneration = 0;
/** The scan's progress is reported at most this often (and at its end). */
const PROGRESS_REPORT_MS = 100;
/** Files of a scan read at once. */
const READ_BATCH = 32;

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Finds every seed file of the workspace folders, loads the corpus and publishes diagnostics for each. */
async function scanWorkspace(): Promise<void> {
  const generation = ++scanGeneration;
  const progress = supportsWorkDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Seed Curator: scanning seed files', 0, 'listing files', false);
  // The people index catches up once the diagnostics are out (a query indexes what it needs at once).
  const releasePeople = people.hold();
  try {
    const { uris: found, failed } = await listWorkspaceSeeds();
    for (const problem of failed) connection.console.warn(`Could not scan ${problem}`);
    if (generation !== scanGeneration) return;

    // Files that no longer match (settings changed) leave the corpus.
    for (const uri of [...workspaceFiles]) {
      if (found.has(uri)) continue;
      workspaceFiles.delete(uri);
      if (!documents.get(uri)) {
        corpus.delete(uri);
        clearDiagnostics(uri);
      }
    }

    const uris = [...found].sort();
    const total = Math.max(1, uris.length * 2);
    let done = 0;
    // A report per file was 10,000 notifications per 10,000 files (~1.5% of a scan's server CPU).
    let reportedAt = -Infinity;
    const report = (message: string) => {
      const now = performance.now();
      if (now - reportedAt < PROGRESS_REPORT_MS && done < total) return;
      reportedAt = now;
      progress?.report(Math.round((100 * done) / total), message);
    };
    // Read a batch at a time: one file after another waited on the disk (and the thread pool) 10,000 times.
    for (let from = 0; from < uris.length; from += READ_BATCH) {
      const batch = uris.slice(from, from + READ_BATCH);
      // A file of the batch deleted after its own read ended but before the batch's did is left out too.
      const mark = deletions.begin();
      try {
        const texts = await Promise.all(batch.map(readSeed));
        if (generation !== scanGeneration) return;
        batch.forEach((uri, k) => {
          const text = texts[k];
          if (text === undefined || deletions.deletedSince(uri, mark)) return;
          workspaceFiles.add(uri);
          // An open document's text wins over the file on disk.
          if (!documents.get(uri)) corpus.set(uri, text);
        });
      } finally {
        deletions.end();
      }
      done += batch.length;
      report(`reading ${done}/${uris.length}`);
    }
    // Lint once the whole corpus is loaded, so corpus statistics are complete.
    let linted = 0;
    const checked = (uri: string) => {
      linted++;
      done++;
      report(`checking ${linted}/${uris.length}`);
    };
    const published = await lintScannedInWorkers(uris, generation, checked);
    for (const uri of uris) {
      if (generation !== scanGeneration) return;
      if (published.has(uri)) continue;
      if (workspaceFiles.has(uri)) validate(uri);
      checked(uri);
      await yieldToEvents();
    }
  } finally {
    releasePeople();
    progress?.done();
  }
}

/**
 * Lints the scanned files that are not open in worker threads (lsp/scan-pool) and publishes
 * each as it returns. Returns the files published; the scan lints the rest here (open
 * documents, files changed meanwhile, everything when there are few files or one core).
 */
async function lintScannedInWorkers(uris: readonly string[], generation: number, checked: (uri: string) => void): Promise<Set<string>> {
  const published = new Set<string>();
  const toLint = uris.filter((uri) => workspaceFiles.has(uri) && !documents.get(uri));
  const threads = scanThreads(toLint.length, settings.scanThreads);
  if (threads < 2) return published;
  // Every text of the corpus, so each worker's corpus statistics are the server's.
  const docs = [...corpus.uris()].map((uri) => ({ uri, text: corpus.text(uri)! }));
  const indexOf = new Map(docs.map((d, i) => [d.uri, i]));
  const config = settings.config;
  const onResult = (result: ScanResult) => {
    const { uri, text } = docs[result.index];
    for (const e of result.ruleErrors) onRuleError(e.ruleId, new Error(e.message));
    // Changed, opened or re-configured meanwhile: its own lint runs (or ran) in this thread.
    if (generation !== scanGeneration || settings.config !== config || documents.get(uri) || corpus.text(uri) !== text) return;
    void publish(uri, null, remember(uri, text, new SeedDocument(uri, text), result.note, result.findings, false));
    analyses.delete(uri);
    published.add(uri);
    checked(uri);
  };
  try {
    await lintInWorkers(__filename, { docs, config, maxBytes: maxFileBytes() }, toLint.map((uri) => indexOf.get(uri)!), threads, onResult, () => generation !== scanGeneration);
    connection.console.log(`Workspace scan: ${published.size} of ${toLint.length} files checked in ${threads} worker threads.`);
  } catch (error) {
    connection.console.warn(`Scan workers failed; checking the remaining files in the server thread: ${error instanceof Error ? error.message : String(error)}`);
  }
  return published;
}

function forgetFile(uri: string): void {
  workspaceFiles.delete(uri);
  if (documents.get(uri)) return; // the open buffer still stands
  corpus.delete(uri);
  clearDiagnostics(uri);
}

/** The seed files of every workspace folder, as URIs, and the folders that could not be listed (with why). */
async function listWorkspaceSeeds(): Promise<{ uris: Set<string>; failed: string[] }> {
  const uris = new Set<string>();
  const failed: string[] = [];
  for (const root of folderPaths()) {
    try {
      const paths = await fg(settings.files, { cwd: root, absolute: true, onlyFiles: true, ignore: SCAN_IGNORE, suppressErrors: true, followSymbolicLinks: false });
      for (const p of paths) uris.add(pathToFileURL(p).href);
    } catch (error) {
      failed.push(`${root}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { uris, failed };
}

/** A seed file created or changed on disk: read into the corpus (unless open) and checked. */
async function takeIn(uri: string): Promise<void> {
  const text = await readSeed(uri);
  if (text === undefined) return;
  workspaceFiles.add(uri);
  if (documents.get(uri)) return; // open document text wins
  corpus.set(uri, text);
  schedule(uri);
}

/**
 * What the watcher did not report: files written at once into a new folder arrive before the
 * folder is watched, and a burst of deletions can lose events (two of 120 files deleted at once
 * stayed in the corpus once, in a real VS Code). After a burst of creations or deletions
 * (debounced) the workspace is listed again: new files are taken in, files gone are forgotten.
 */
let reconcileTimer: ReturnType<typeof setTimeout> | undefined;
function reconcileSoon(): void {
  if (reconcileTimer) clearTimeout(reconcileTimer);
  reconcileTimer = setTimeout(() => {
    reconcileTimer = undefined;
    void reconcileWithDisk();
  }, 300);
}

async function reconcileWithDisk(): Promise<void> {
  const generation = scanGeneration;
  const { uris: listed, failed } = await listWorkspaceSeeds();
  // A folder that cannot be listed says nothing about its files; a scan started meanwhile lists the workspace itself.
  if (failed.length > 0 || generation !== scanGeneration) return;
  // Not listed is not proof of absence (a file created since the listing, one outside the
  // globs taken in by its change event): a file goes only when it is not on disk.
  for (const uri of [...workspaceFiles]) {
    if (listed.has(uri)) continue;
    const gone = await fs.access(fileURLToPath(uri)).then(() => false, (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
    if (gone && workspaceFiles.has(uri)) forgetFile(uri);
  }
  for (const uri of listed) if (!workspaceFiles.has(uri)) await takeIn(uri);
}

async function onWatchedFile(uri: string, type: FileChangeType): Promise<void> {
  let fsPath: string;
  try {
    fsPath = fileURLToPath(uri);
  } catch {
    return;
  }
  if (type === FileChangeType.Deleted) {
    deletions.deleted(uri);
    reconcileSoon();
    if (workspaceFiles.has(uri)) {
      forgetFile(uri);
      return;
    }
    // A deleted folder is one event for the folder (the client also watches deletions of
    // anything): every seed file under it goes.
    const prefix = uri.endsWith('/') ? uri : `${uri}/`;
    for (const known of [...workspaceFiles]) if (known.startsWith(prefix)) forgetFile(known);
    return;
  }
  // The client's watcher for changes and creations is registered for the seed globs; the server keeps to its folders.
  if (!workspaceFiles.has(uri) && !isInWorkspace(fsPath)) return;
  if (type === FileChangeType.Created) reconcileSoon();
  await takeIn(uri);
}

// ---------------------------------------------------------------------------
// Settings

async function pullSettings(): Promise<Settings> {
  if (!supportsConfiguration) return settings;
  try {
    const raw = await connection.workspace.getConfiguration({ section: CONFIG_SECTION });
    return readSettings(raw, await readWorkspaceProtectedTerms());
  } catch (error) {
    connection.console.warn(`Could not read settings: ${error instanceof Error ? error.message : String(error)}`);
    return settings;
  }
}

function revalidateAll(): void {
  analyses.clear();
  for (const uri of new Set([...workspaceFiles, ...documents.keys()])) schedule(uri, 0);
}

// ---------------------------------------------------------------------------
// Code actions

function kindMatches(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((k) => k === kind || kind.startsWith(k + '.'));
}

function workspaceEditFor(uri: string, doc: SeedDocument, edits: readonly TextEdit[], version: number | null): WorkspaceEdit {
  const lsp = lspEdits(doc, edits);
  if (supportsVersionedEdits) {
    return { documentChanges: [{ textDocument: { uri, version }, edits: lsp }] };
  }
  return { changes: { [uri]: lsp } };
}

/** Fix-all of a text as the settings say: within the size limit, accepted findings left alone. */
function fixWithSettings(uri: string, text: string, options: { only?: string[]; unsafe?: boolean } = {}) {
  return fixWithinLimit(uri, text, maxFileBytes(), { ...options, corpus, config: settings.config, onRuleError, keepFindings: (d, fs) => acceptedFindings().filter(d, fs) });
}

/** The safe fixes of the whole file (or of one rule), as edits (core/text-edits: one per repair). */
function fixAllEdits(uri: string, text: string, only?: string[]): TextEdit[] {
  return editsBetween(text, fixWithSettings(uri, text, { only }).text);
}

interface FixRuleData {
  uri: string;
  version: number | null;
  ruleId: string;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function codeActions(params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const text = currentText(uri);
  if (text === undefined) return [];
  const version = currentVersion(uri);
  const analysis = provisionalAnalysis(uri, text) ?? analyse(uri, text);
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (kindMatches(only, CodeActionKind.QuickFix)) {
    const rulesSeen = new Map<string, Diagnostic[]>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const ruleId = diagnostic.code;
      // Match the diagnostic to a finding of the current text; a stale one has none.
      const finding = analysis.findings.find((f) => f.ruleId === ruleId && sameRange(analysis.doc.rangeOf(f.start, f.end), diagnostic.range));
      if (!finding) continue;
      for (const fix of finding.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.safe,
          edit: workspaceEditFor(uri, analysis.doc, fix.edits, version),
        });
      }
      // The script conversion is computed on request, by the client's command, not carried as edits.
      if (ruleId === 'script-variant' && /Target: Simplified/.test(finding.message)) {
        const title = 'Repair and convert the document to Simplified…';
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: CONVERT_COMMAND } });
      }
      // An untrusted workspace's accepted.json is not read, so an acceptance would not take effect.
      if (workspaceTrusted) actions.push(acceptAction(uri, diagnostic, ruleId, AcceptedFindings.lineOf(analysis.doc, finding)));
      const list = rulesSeen.get(ruleId) ?? [];
      list.push(diagnostic);
      rulesSeen.set(ruleId, list);
    }
    for (const [ruleId, diagnostics] of rulesSeen) {
      // Offer it only when the file has a safe fix of this rule to apply.
      if (!analysis.findings.some((f) => f.ruleId === ruleId && f.fixes.some((x) => x.safe))) continue;
      const action: CodeAction = {
        title: `Fix all ${ruleId} problems in this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
      };
      const data: FixRuleData = { uri, version, ruleId };
      if (supportsCodeActionResolve) action.data = data;
      else action.edit = workspaceEditFor(uri, analysis.doc, fixAllEdits(uri, text, [ruleId]), version);
      actions.push(action);
    }
  }

  if (only && kindMatches(only, FIX_ALL_KIND)) {
    const edits = fixAllEdits(uri, text);
    if (edits.length > 0) {
      actions.push({
        title: 'Fix all safely fixable Seed Curator problems',
        kind: FIX_ALL_KIND,
        edit: workspaceEditFor(uri, analysis.doc, edits, version),
      });
    }
  }
  return actions;
}

function resolveCodeAction(action: CodeAction): CodeAction {
  const data = action.data as FixRuleData | undefined;
  if (!data || action.edit || typeof data.ruleId !== 'string') return action;
  const text = currentText(data.uri);
  if (text === undefined) return action;
  const version = currentVersion(data.uri);
  // The versioned edit makes the editor refuse it if the document moved on since the request.
  const doc = version === data.version ? analyse(data.uri, text).doc : new SeedDocument(data.uri, text);
  action.edit = workspaceEditFor(data.uri, doc, version === data.version ? fixAllEdits(data.uri, text, [data.ruleId]) : [], data.version);
  return action;
}

// ---------------------------------------------------------------------------
// Hover

/** A code span that survives any backticks in the text; line breaks and empty text made visible. */
function codeSpan(text: string): string {
  if (text === '') return '_(nothing)_';
  const visible = text.replace(/\r\n|\r|\n/g, '↵').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  const longest = Math.max(0, ...(visible.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = visible.startsWith('`') || visible.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${visible}${pad}${fence}`;
}

/** What the text around a finding becomes under one fix. */
function proposedText(text: string, finding: Finding, fix: Fix): { before: string; after: string } {
  const start = Math.min(finding.start, ...fix.edits.map((e) => e.start));
  const end = Math.max(finding.end, ...fix.edits.map((e) => e.end));
  const before = text.slice(start, end);
  const local = fix.edits.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text }));
  return { before, after: applyEdits(before, local).text };
}

/** Fixes previewed in a hover; the quick fix menu lists them all. */
const HOVER_FIX_LIMIT = 5;
const HOVER_RELATED_LIMIT = 10;
/** A fix reaching over more text than this is described, not rendered (a whole-file fix would render the file). */
const PREVIEW_SPAN_LIMIT = 2000;
/** Characters of a preview's before and after shown, the middle elided. */
const PREVIEW_TEXT_LIMIT = 160;

function clip(text: string): string {
  return text.length <= PREVIEW_TEXT_LIMIT ? text : `${text.slice(0, PREVIEW_TEXT_LIMIT - 40)}…${text.slice(-30)}`;
}

/** `before → after` of a fix, bounded whatever the fix's size. */
function preview(text: string, doc: SeedDocument, finding: Finding, fix: Fix): string {
  let start = finding.start;
  let end = finding.end;
  for (const e of fix.edits) {
    if (e.start < start) start = e.start;
    if (e.end > end) end = e.end;
  }
  if (end - start > PREVIEW_SPAN_LIMIT) {
    const first = doc.lineIndexAt(start) + 1;
    const last = doc.lineIndexAt(end) + 1;
    return `_${fix.edits.length} edit${fix.edits.length === 1 ? '' : 's'} over lines ${first}–${last}_`;
  }
  const { before, after } = proposedText(text, finding, fix);
  return `${codeSpan(clip(before))} → ${codeSpan(clip(after))}`;
}

/** The other files a finding points into, as links to the line (the diagnostic itself carries only the first few). */
function relatedList(related: readonly RelatedLocation[]): string {
  const items = related.slice(0, HOVER_RELATED_LIMIT).map((r) => {
    const text = currentText(r.uri);
    const line = text === undefined ? 1 : analyseRangeOf(r.uri, text, r.start, r.end).start.line + 1;
    const name = decodeURIComponent(r.uri.slice(r.uri.lastIndexOf('/') + 1));
    return `- [${name}:${line}](${r.uri}#L${line}) — ${r.message}`;
  });
  if (related.length > items.length) items.push(`- … and ${related.length - items.length} more`);
  return items.join('\n');
}

function hover(params: HoverParams): Hover | null {
  const uri = params.textDocument.uri;
  const text = currentText(uri);
  if (text === undefined) return null;
  // A hover right after an edit of a slow document (before the debounced lint) lints no more than the changed lines.
  const { doc, findings } = provisionalAnalysis(uri, text) ?? analyse(uri, text);
  const offset = doc.offsetAt(params.position);
  const hits = findings.filter((f) => (f.start <= offset && offset < f.end) || (f.start === f.end && f.start === offset));
  const person = people.hover(uri, params.position, analysedPart(text).text);
  if (hits.length === 0 && !person) return null;
  const sections = hits.map((f) => {
    const rule = ruleById(f.ruleId);
    const lines = [`**${f.ruleId}**${rule ? ` — ${rule.description}` : ''}`, '', f.message];
    if (f.related?.length) lines.push('', relatedList(f.related));
    for (const fix of f.fixes.slice(0, HOVER_FIX_LIMIT)) {
      lines.push('', `${fix.safe ? 'Fix' : 'Possible fix (review it)'}: ${fix.title}`, '', preview(text, doc, f, fix));
    }
    if (f.fixes.length > HOVER_FIX_LIMIT) lines.push('', `… and ${f.fixes.length - HOVER_FIX_LIMIT} more fixes (quick fixes list them all)`);
    if (f.fixes.length === 0) lines.push('', '_No automatic fix._');
    return lines.join('\n');
  });
  // A person named inside a finding: who it is first, then what is wrong with the text.
  if (person) sections.unshift(person.markdown);
  const spans = [...hits, ...(person ? [person] : [])];
  const start = Math.min(...spans.map((f) => f.start));
  const end = Math.max(...spans.map((f) => f.end));
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: doc.rangeOf(start, end) };
}

// ---------------------------------------------------------------------------
// Workspace fix-all (custom request)

function fixAllInWorkspace(unsafe: boolean): FixAllInWorkspaceResult {
  const documentChanges: FixAllInWorkspaceResult['edit']['documentChanges'] = [];
  const fixedByRule: Record<string, number> = {};
  const uris = [...new Set([...corpus.uris(), ...documents.keys()])].sort();
  for (const uri of uris) {
    const text = currentText(uri);
    if (text === undefined) continue;
    const result = fixWithSettings(uri, text, { unsafe });
    const edits = editsBetween(text, result.text);
    if (edits.length === 0) continue;
    for (const [id, n] of Object.entries(result.fixedByRule)) fixedByRule[id] = (fixedByRule[id] ?? 0) + n;
    const doc = new SeedDocument(uri, text);
    documentChanges.push({ textDocument: { uri, version: currentVersion(uri) }, edits: lspEdits(doc, edits) });
  }
  return { edit: { documentChanges }, files: documentChanges.length, fixedByRule };
}

// ---------------------------------------------------------------------------
// Wiring

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  supportsConfiguration = caps.workspace?.configuration === true;
  supportsWorkDoneProgress = caps.window?.workDoneProgress === true;
  supportsFolderChanges = caps.workspace?.workspaceFolders === true;
  supportsCodeActionResolve = caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit') === true;
  supportsVersionedEdits = caps.workspace?.workspaceEdit?.documentChanges === true;
  folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
  if (!supportsConfiguration && params.initializationOptions) settings = readSettings(params.initializationOptions);
  workspaceTrusted = (params.initializationOptions as SeedCuratorInitializationOptions | undefined)?.workspaceTrusted !== false;

  return {
    capabilities: {
      // Incremental: an edit of a large document sends the change, not the whole text again.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
        resolveProvider: true,
      },
      hoverProvider: true,
      executeCommandProvider: { commands: [ACCEPT_FINDING_COMMAND] },
      definitionProvider: true,
      referencesProvider: true,
      workspaceSymbolProvider: true,
      documentSymbolProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'seed-curator' },
  };
});

connection.onInitialized(async () => {
  if (supportsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION }).catch(() => undefined);
  }
  if (supportsFolderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => f.uri));
      folders = [...folders.filter((f) => !removed.has(f.uri)), ...event.added];
      void scanWorkspace();
    });
  }
  settings = await pullSettings();
  for (const problem of await loadAccepted(editorHost)) connection.console.warn(`Accepted findings ignored: ${problem}`);
  await scanWorkspace();
});

connection.onDidChangeConfiguration(() => reloadSettings());

// Trust granted: protect.txt and accepted.json now count (VS Code re-sends the restricted settings
// as a configuration change of its own).
connection.onNotification(WORKSPACE_TRUSTED, async () => {
  if (workspaceTrusted) return;
  workspaceTrusted = true;
  for (const problem of await loadAccepted(editorHost)) connection.console.warn(`Accepted findings ignored: ${problem}`);
  await reloadSettings();
});

async function reloadSettings(): Promise<void> {
  const previous = settings;
  settings = await pullSettings();
  if (settings.files.join('\n') !== previous.files.join('\n')) {
    // The rescan re-lints every workspace file; open documents outside it are re-linted here.
    analyses.clear();
    await scanWorkspace();
    for (const uri of documents.keys()) if (!workspaceFiles.has(uri)) schedule(uri, 0);
    return;
  }
  revalidateAll();
}

connection.onDidChangeWatchedFiles(async (params) => {
  if (params.changes.some((c) => isAcceptedFile(c.uri, editorHost))) {
    for (const problem of await loadAccepted(editorHost)) connection.console.warn(`Accepted findings ignored: ${problem}`);
    revalidateAll();
  }
  for (const change of params.changes) await onWatchedFile(change.uri, change.type);
});

/** Documents just opened: their first lint runs at once, later edits are debounced. */
const justOpened = new Set<string>();

// TextDocuments fires onDidOpen and then onDidChangeContent for an opened document.
documents.onDidOpen((event) => {
  justOpened.add(event.document.uri);
});

documents.onDidChangeContent((event) => {
  const uri = event.document.uri;
  corpus.set(uri, event.document.getText());
  schedule(uri, justOpened.delete(uri) ? 0 : settings.debounceMs);
});

documents.onDidClose(async (event) => {
  const uri = event.document.uri;
  linters.delete(uri);
  if (!workspaceFiles.has(uri)) {
    corpus.delete(uri);
    clearDiagnostics(uri);
    return;
  }
  // A workspace file keeps its diagnostics, now for the text on disk.
  const text = await readSeed(uri);
  if (documents.get(uri)) return; // reopened meanwhile
  if (text === undefined) {
    workspaceFiles.delete(uri);
    corpus.delete(uri);
    clearDiagnostics(uri);
    return;
  }
  corpus.set(uri, text);
  schedule(uri, 0);
});

connection.onCodeAction(codeActions);
connection.onCodeActionResolve(resolveCodeAction);
connection.onHover(hover);
connection.onDefinition((params) => people.definition(params.textDocument.uri, params.position) ?? null);
connection.onReferences((params) => people.references(params.textDocument.uri, params.position, params.context.includeDeclaration));
connection.onWorkspaceSymbol((params) => people.workspaceSymbols(params.query));
connection.onDocumentSymbol((params) => people.documentSymbols(params.textDocument.uri));
connection.languages.semanticTokens.on((params) => people.semanticTokens(params.textDocument.uri));
connection.onRequest(FIX_ALL_IN_WORKSPACE, (params: FixAllInWorkspaceParams | undefined): FixAllInWorkspaceResult => fixAllInWorkspace(params?.unsafe === true));

// The editor commands' requests (server/src/editor/handlers.ts) over the server's state.
const editorHost: EditorHost = {
  corpus,
  config: () => settings.config,
  uris: () => [...new Set([...corpus.uris(), ...documents.keys()])].sort(),
  text: currentText,
  version: currentVersion,
  // Reports, cleaning and export want every rule's findings of the text, never a provisional answer.
  analyse: (uri, text) => analyse(uri, text, true),
  lspEdits,
  folderPaths,
  onRuleError,
  revalidateAll,
  trusted: () => workspaceTrusted,
  personNames: () => {
    people.flush();
    return people.index.people().map((p) => p.name).filter((name) => /\p{Script=Han}/u.test(name));
  },
  maxFileBytes,
};
registerEditorRequests(connection, editorHost);

documents.listen(connection);
connection.listen();
