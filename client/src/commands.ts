// The editor commands (issue 7). Each forwards to one custom request of the server
// (server/src/protocol.ts) and only adds what needs the editor: the progress
// notification, the preview pick, dialogs, the webview and the status bar item.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CLEAN_WORKSPACE,
  CONVERT_SCRIPT,
  CORPUS_REPORT,
  DIAGNOSTIC_SOURCE,
  EXPORT_CORPUS,
  EXPORT_PEOPLE,
  FIX_FILE,
  type CleanWorkspaceParams,
  type CleanWorkspaceResult,
  type ConvertScriptParams,
  type ConvertScriptResult,
  type CorpusReportParams,
  type CorpusReportResult,
  type ExportCorpusResult,
  type ExportPeopleResult,
  type FixFileResult,
} from '../../server/src/protocol';

const OPEN_LOCATION = 'seedCurator.openLocation';
const LANGUAGE_ID = 'seedtext';

function summary(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'nothing' : entries.map(([id, n]) => `${id} ${n}`).join(', ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function targetUri(arg: unknown): vscode.Uri | undefined {
  return arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
}

export interface CommandsHandle {
  statusBar: vscode.StatusBarItem;
  /** The report's webview panel while it is open. */
  reportPanel(): vscode.WebviewPanel | undefined;
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): CommandsHandle {
  const toCode = client.protocol2CodeConverter;
  let panel: vscode.WebviewPanel | undefined;

  const cleanFile = async (arg?: unknown) => {
    const uri = targetUri(arg);
    if (!uri) return undefined;
    const result = await client.sendRequest<FixFileResult>(FIX_FILE, { uri: uri.toString() });
    if (result.edit.documentChanges.length === 0) {
      void vscode.window.showInformationMessage('Seed Curator: nothing to fix safely in this file.');
      return { applied: false, fixedByRule: result.fixedByRule };
    }
    // One WorkspaceEdit: one undo step.
    const applied = await vscode.workspace.applyEdit(await toCode.asWorkspaceEdit(result.edit));
    if (applied) void vscode.window.showInformationMessage(`Seed Curator: cleaned (${summary(result.fixedByRule)}).`);
    else void vscode.window.showWarningMessage('Seed Curator: the fixes were not applied (the file changed meanwhile?).');
    return { applied, fixedByRule: result.fixedByRule };
  };

  /**
   * Cleans every seed file. A quick pick offers "Apply all" (one workspace edit, one undo step),
   * "Review in the refactor preview" or Cancel; `{confirm: false}` applies without asking (tests,
   * scripted use).
   */
  const cleanWorkspace = async (options?: { confirm?: boolean }) => {
    const confirm = options?.confirm !== false;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Seed Curator: cleaning the workspace', cancellable: true },
      (_progress, token) => client.sendRequest<CleanWorkspaceResult>(CLEAN_WORKSPACE, { needsConfirmation: confirm } satisfies CleanWorkspaceParams, token),
    );
    if (result.cancelled) {
      void vscode.window.showInformationMessage('Seed Curator: cleaning cancelled; nothing was changed.');
      return { applied: false, ...result };
    }
    if (result.files === 0) {
      void vscode.window.showInformationMessage('Seed Curator: nothing to fix safely in the workspace.');
      return { applied: false, ...result };
    }
    let review = false;
    if (confirm) {
      const applyAll: vscode.QuickPickItem = { label: `$(check) Apply all: ${total(result.fixedByRule)} fixes in ${result.files} files`, detail: summary(result.fixedByRule) };
      const reviewItem: vscode.QuickPickItem = { label: '$(diff) Review in the refactor preview…', detail: 'Every file starts unticked there: tick the files to clean, then Apply.' };
      const cancelItem: vscode.QuickPickItem = { label: '$(close) Cancel' };
      const picked = await vscode.window.showQuickPick([applyAll, reviewItem, cancelItem], { title: 'Clean workspace: safe fixes', placeHolder: 'Apply all, review file by file, or cancel' });
      if (picked !== applyAll && picked !== reviewItem) return { applied: false, ...result };
      review = picked === reviewItem;
    }
    // Edits that need confirmation open VS Code's refactor preview, unticked; without the flag the
    // edit applies at once. Either way it is one workspace undo step (Edit > Undo in any file).
    for (const annotation of Object.values(result.edit.changeAnnotations ?? {})) annotation.needsConfirmation = review;
    const applied = await vscode.workspace.applyEdit(await toCode.asWorkspaceEdit(result.edit), { isRefactoring: review });
    if (applied && review) void vscode.window.showInformationMessage('Seed Curator: the files ticked in the preview are cleaned.');
    else if (applied) void vscode.window.showInformationMessage(`Seed Curator: ${total(result.fixedByRule)} fixes in ${result.files} files: ${summary(result.fixedByRule)}.`);
    // VS Code applies a workspace edit whole or not at all (a file changed or deleted meanwhile).
    else if (!review) void vscode.window.showWarningMessage('Seed Curator: the fixes were not applied (a file changed or was deleted meanwhile?). Run Clean workspace again.');
    return { applied, ...result };
  };

  /** Converts the selection, or the whole document (repaired first); `{preview: false}` skips the pick. */
  const convert = async (options?: { preview?: boolean }) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const params: ConvertScriptParams = { uri: editor.document.uri.toString(), to: 'zh-Hans' };
    if (!editor.selection.isEmpty) params.range = client.code2ProtocolConverter.asRange(editor.selection);
    const result = await client.sendRequest<ConvertScriptResult>(CONVERT_SCRIPT, params);
    if (result.edit.documentChanges.length === 0) {
      void vscode.window.showInformationMessage(`Seed Curator: nothing to convert (${result.variant}).`);
      return { applied: false, ...result };
    }
    if (options?.preview !== false && result.ambiguous.length > 0) {
      const convertItem: vscode.QuickPickItem = { label: `$(check) Convert with OpenCC ${result.config}`, description: `${plural(result.ambiguous.length, 'ambiguous character')}, ${plural(result.protectedCount, 'protected term')} kept` };
      const cancelItem: vscode.QuickPickItem = { label: '$(close) Cancel' };
      const items: vscode.QuickPickItem[] = [
        convertItem,
        cancelItem,
        { label: 'Ambiguous characters', kind: vscode.QuickPickItemKind.Separator },
        ...result.ambiguous.map((a) => ({ label: `${a.char} → ${a.becomes}`, description: a.group, detail: `…${a.context}…` })),
      ];
      const picked = await vscode.window.showQuickPick(items, { title: 'Convert to Simplified: review the ambiguous characters', placeHolder: 'Convert, or cancel' });
      if (picked !== convertItem) return { applied: false, ...result };
    }
    const applied = await vscode.workspace.applyEdit(await toCode.asWorkspaceEdit(result.edit));
    return { applied, ...result };
  };

  const showReport = async () => {
    if (!panel) {
      panel = vscode.window.createWebviewPanel('seedCurator.report', 'Seed Curator: corpus report', vscode.ViewColumn.Active, {
        enableScripts: false,
        enableCommandUris: [OPEN_LOCATION],
        localResourceRoots: [],
      });
      panel.onDidDispose(() => (panel = undefined));
    }
    const params: CorpusReportParams = { cspSource: panel.webview.cspSource, nonce: randomBytes(16).toString('base64'), openCommand: OPEN_LOCATION };
    const result = await client.sendRequest<CorpusReportResult>(CORPUS_REPORT, params);
    panel.webview.html = result.html;
    panel.reveal();
    return result;
  };

  const openLocation = async (uri: string, line: number, character: number) => {
    const position = new vscode.Position(line, character);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    return vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
  };

  /** `{folder}` skips the folder dialog. */
  const exportCorpus = async (options?: { folder?: vscode.Uri }) => {
    const folder = options?.folder ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export cleaned corpus here' }))?.[0];
    if (!folder) return undefined;
    const result = await client.sendRequest<ExportCorpusResult>(EXPORT_CORPUS, { folder: folder.toString() });
    void vscode.window.showInformationMessage(`Seed Curator: exported ${result.files} cleaned files and documents.jsonl to ${folder.fsPath}.`);
    return result;
  };

  /** `{target}` skips the save dialog; the format follows the extension (.jsonl, else CSV). */
  const exportPeople = async (options?: { target?: vscode.Uri }) => {
    const target = options?.target ?? (await vscode.window.showSaveDialog({ filters: { CSV: ['csv'], 'JSON Lines': ['jsonl'] }, saveLabel: 'Export people table' }));
    if (!target) return undefined;
    const format = target.path.toLowerCase().endsWith('.jsonl') ? 'jsonl' : 'csv';
    const result = await client.sendRequest<ExportPeopleResult>(EXPORT_PEOPLE, { target: target.toString(), format });
    void vscode.window.showInformationMessage(`Seed Curator: ${result.people} people (${result.rows} rows) written to ${target.fsPath}.`);
    return result;
  };

  // Status bar: our diagnostics in the current file and in all files, counted from what the
  // server published; a click opens the report.
  const statusBar = vscode.window.createStatusBarItem('seedCurator.findings', vscode.StatusBarAlignment.Left, 50);
  statusBar.name = 'Seed Curator findings';
  statusBar.command = 'seedCurator.showReport';
  const updateStatus = () => {
    let corpusCount = 0;
    for (const [, ds] of vscode.languages.getDiagnostics()) corpusCount += ds.filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
    const doc = vscode.window.activeTextEditor?.document;
    const fileCount = doc ? vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length : undefined;
    statusBar.text = fileCount === undefined ? `$(checklist) Seed: corpus ${corpusCount}` : `$(checklist) Seed: file ${fileCount} · corpus ${corpusCount}`;
    statusBar.tooltip = 'Seed Curator findings in this file and in the corpus. Click for the corpus report.';
    if (doc?.languageId === LANGUAGE_ID || corpusCount > 0) statusBar.show();
  };
  updateStatus();

  context.subscriptions.push(
    statusBar,
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand('seedCurator.cleanFile', cleanFile),
    vscode.commands.registerCommand('seedCurator.cleanWorkspace', cleanWorkspace),
    vscode.commands.registerCommand('seedCurator.convertToSimplified', convert),
    vscode.commands.registerCommand('seedCurator.showReport', showReport),
    vscode.commands.registerCommand(OPEN_LOCATION, openLocation),
    vscode.commands.registerCommand('seedCurator.exportCorpus', exportCorpus),
    vscode.commands.registerCommand('seedCurator.exportPeople', exportPeople),
  );
  return { statusBar, reportPanel: () => panel };
}
