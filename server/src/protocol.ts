// Custom requests and shared constants between the language client and the server.
// No `vscode` imports: both bundles import this module.
// Only plain data and method names here: the client's and the server's libraries carry
// different copies of vscode-languageserver-protocol, so its classes are not shared.

interface LspPosition {
  line: number;
  character: number;
}

interface LspTextEdit {
  range: { start: LspPosition; end: LspPosition };
  newText: string;
}

/** The subset of LSP's WorkspaceEdit the server sends: versioned text edits per document. */
export interface SeedWorkspaceEdit {
  documentChanges: { textDocument: { uri: string; version: number | null }; edits: LspTextEdit[] }[];
}

/** `Diagnostic.source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'seed-curator';

/** The code action kind of the server's fix-all; `source.fixAll` requests receive it too. */
export const FIX_ALL_KIND = 'source.fixAll.seedCurator';

/** The configuration section the server pulls and the client synchronises. */
export const CONFIG_SECTION = 'seedCurator';

/** Default globs (relative to each workspace folder) of the seed files the server scans. */
export const DEFAULT_FILE_GLOBS: readonly string[] = ['**/seeds/**/*.txt'];

/** The settings under `seedCurator`, as the client sends them; every field may be missing or junk. */
export interface SeedCuratorSettings {
  files?: string | string[];
  debounceMs?: number;
  maxFileSizeKB?: number;
  /** Worker threads of the workspace scan; 0 or missing: automatic (workers from 4 cores and 64 files on), 1: the server thread. */
  scanThreads?: number;
  rules?: Record<string, string>;
  options?: Record<string, unknown>;
  targetScript?: string;
  protectedTerms?: string[];
}

/**
 * A fix as carried in `Diagnostic.data`: its edits as `[start, end, newText]`, UTF-16 offsets
 * into the text of the diagnosed version. (The server's own code actions are built from its
 * findings of that version, the same edits.) Offsets rather than ranges: on a large document
 * the ranges were a quarter of every publication, and publications are what an edit waits for.
 */
export interface DiagnosticFixData {
  title: string;
  safe: boolean;
  edits: [start: number, end: number, newText: string][];
}

/**
 * `Diagnostic.data` of every diagnostic the server publishes for an open document (the rule id
 * is the diagnostic's `code`). A file that is not open is published without it, and again with
 * it once opened.
 */
export interface DiagnosticData {
  /** The document version the diagnostic was computed for. */
  version: number;
  /** The finding's fixes, less manual whole-file ones (code actions offer those). */
  fixes: DiagnosticFixData[];
}

export interface FixAllInWorkspaceParams {
  /** Also apply fixes that are not marked safe. Default false. */
  unsafe?: boolean;
}

export interface FixAllInWorkspaceResult {
  /** Applies the fixes to every seed file of the workspace (open files carry their version). */
  edit: SeedWorkspaceEdit;
  /** Files the edit changes. */
  files: number;
  /** Fixes applied, per rule id, summed over the files. */
  fixedByRule: Record<string, number>;
}

/** Safe fixes for every seed file the server knows (the workspace scan plus open documents). */
export const FIX_ALL_IN_WORKSPACE = 'seedCurator/fixAllInWorkspace';

// ---------------------------------------------------------------------------
// Editor commands (issue 7): each client command forwards to one of these requests.

/** `seedCurator/fixFile`: the safe fixes of one document as one edit (one undo step). */
export const FIX_FILE = 'seedCurator/fixFile';
export interface FixFileParams {
  uri: string;
}
export interface FixFileResult {
  edit: SeedWorkspaceEdit;
  fixedByRule: Record<string, number>;
}

/**
 * `seedCurator/cleanWorkspace`: like fixAllInWorkspace, but cancellable between files and with
 * every edit annotated (`changeAnnotations`, label per file) so the editor can show its
 * refactor preview before applying when `needsConfirmation` is true.
 */
export const CLEAN_WORKSPACE = 'seedCurator/cleanWorkspace';
export interface CleanWorkspaceParams {
  needsConfirmation?: boolean;
}
export interface CleanWorkspaceResult {
  edit: SeedWorkspaceEdit & { changeAnnotations?: Record<string, { label: string; description?: string; needsConfirmation?: boolean }> };
  files: number;
  fixedByRule: Record<string, number>;
  cancelled: boolean;
}

/** `seedCurator/convertScript`: repair (whole document only) and convert a document or a range. */
export const CONVERT_SCRIPT = 'seedCurator/convertScript';
export interface ConvertScriptParams {
  uri: string;
  /** Convert only this range (no repairs); the whole document when absent. */
  range?: { start: LspPosition; end: LspPosition };
  /** zh-Hans unless given. */
  to?: 'zh-Hans' | 'zh-Hant';
}
export interface AmbiguousCharacter {
  char: string;
  becomes: string;
  group: string;
  context: string;
}
export interface ConvertScriptResult {
  /** The detected variant of the document: zh-Hans, zh-Hant, mixed or none. */
  variant: string;
  /** The OpenCC configuration used (tw2s, hk2s, t2s…), or none when nothing needed converting. */
  config: string;
  protectedCount: number;
  /** Ambiguous characters of the text being converted (after repairs), with their outcome. */
  ambiguous: AmbiguousCharacter[];
  edit: SeedWorkspaceEdit;
}

/** `seedCurator/corpusReport`: the corpus report as the HTML of a webview (no scripts, no network). */
export const CORPUS_REPORT = 'seedCurator/corpusReport';
export interface CorpusReportParams {
  /** The webview's `cspSource` and a fresh nonce for its one style element. */
  cspSource: string;
  nonce: string;
  /** The command the links run with [uri, line, character]. */
  openCommand: string;
}
export interface CorpusReportResult {
  html: string;
  files: number;
  findings: number;
  byRule: Record<string, number>;
}

/** `seedCurator/exportCorpus`: writes the cleaned files and documents.jsonl under a folder. */
export const EXPORT_CORPUS = 'seedCurator/exportCorpus';
export interface ExportCorpusParams {
  /** A file: URI of the target folder. */
  folder: string;
}
export interface ExportCorpusResult {
  files: number;
  /** The JSONL file written: one document a line, with metadata. */
  jsonl: string;
}

/** `seedCurator/exportPeople`: writes the people table as CSV or JSONL. */
export const EXPORT_PEOPLE = 'seedCurator/exportPeople';
export interface ExportPeopleParams {
  /** A file: URI of the file to write. */
  target: string;
  format: 'csv' | 'jsonl';
}
export interface ExportPeopleResult {
  people: number;
  rows: number;
}

/** Server-side command (executeCommand) behind the quick fix "Accept this line as content". */
export const ACCEPT_FINDING_COMMAND = 'seedCurator.acceptFinding';
export interface AcceptFindingArgs {
  uri: string;
  ruleId: string;
  line: string;
}

/** The workspace file of accepted findings, relative to each workspace folder. */
export const ACCEPTED_FILE = '.seed-curator/accepted.json';

/** The workspace file of protected terms (one a line), relative to each workspace folder. */
export const PROTECT_FILE = '.seed-curator/protect.txt';

// ---------------------------------------------------------------------------
// Workspace trust (issue 9). Until the workspace is trusted the server reads nothing the
// workspace itself supplies: no PROTECT_FILE, no ACCEPTED_FILE (and the quick fix that writes
// it is not offered). Workspace-level values of the restricted settings (package.json
// `capabilities.untrustedWorkspaces.restrictedConfigurations`) are left out by VS Code itself
// before they reach the server.

/** `initializationOptions` the client sends; a client that sends none is taken as trusted. */
export interface SeedCuratorInitializationOptions {
  /** False in an untrusted (restricted mode) workspace. */
  workspaceTrusted?: boolean;
}

/** Notification client → server once the user trusts the workspace (trust is never revoked in a session). */
export const WORKSPACE_TRUSTED = 'seedCurator/workspaceTrusted';
export interface WorkspaceTrustedParams {
  trusted: true;
}
