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
  rules?: Record<string, string>;
  options?: Record<string, unknown>;
  targetScript?: string;
  protectedTerms?: string[];
}

/** A fix as carried in `Diagnostic.data`, already in LSP ranges of the diagnosed version. */
export interface DiagnosticFixData {
  title: string;
  safe: boolean;
  edits: LspTextEdit[];
}

/** `Diagnostic.data` of every diagnostic the server publishes. */
export interface DiagnosticData {
  ruleId: string;
  /** The document version the diagnostic was computed for; null for a file that is not open. */
  version: number | null;
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
