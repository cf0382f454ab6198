// Waiting for and reading the extension's diagnostics in the extension host; shared by the suites.
import * as vscode from 'vscode';

const SOURCE = 'seed-curator';
const DIAGNOSTICS_TIMEOUT_MS = 30_000;

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describe(ds: readonly vscode.Diagnostic[]): string {
  const byCode = new Map<string, number>();
  for (const d of ds) byCode.set(`${codeOf(d)}/${vscode.DiagnosticSeverity[d.severity]}`, (byCode.get(`${codeOf(d)}/${vscode.DiagnosticSeverity[d.severity]}`) ?? 0) + 1);
  return ds.length === 0 ? 'none' : [...byCode].map(([k, n]) => `${k}×${n}`).join(', ');
}

/**
 * Resolves with our diagnostics of `uri` once `predicate` holds for them: now or after a change
 * event, or (`now: false`) only after the next change events, to see a publication happen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
  now = true,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const check = () => {
      if (settled) return;
      const ds = ours(uri);
      if (!predicate(ds)) return;
      settled = true;
      clearTimeout(timer);
      subscription.dispose();
      resolve(ds);
    };
    // Subscribe first, then look at the current state: no event can slip between the two.
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${uri.fsPath}; diagnostics now: ${describe(ours(uri))}`));
    }, timeoutMs);
    if (now) check();
  });
}

