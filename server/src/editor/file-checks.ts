// What the editor says about a seed file before any rule runs: bytes that are not
// UTF-8 text, and files too large to analyse whole. Pure: no vscode imports.
import { decodeSeedBytes, guessLegacyEncoding } from '../cli/decode';
import { fixText, type FixOptions, type FixResult } from '../core/engine';

const LABELS: Record<string, string> = { gbk: 'GBK', gb18030: 'GB18030', big5: 'Big5', cp936: 'GBK', cp950: 'Big5' };

/** Why a file on disk cannot be checked as UTF-8 text, said for an editor user; undefined when it can. */
export function fileProblem(bytes: Uint8Array): string | undefined {
  const result = decodeSeedBytes(bytes);
  if (result.ok || result.problem.reason === 'empty') return undefined;
  if (result.problem.reason === 'binary') return 'Binary file (it holds NUL bytes), not seed text: not checked.';
  const guess = guessLegacyEncoding(bytes);
  if (guess) {
    const label = LABELS[guess.encoding] ?? guess.encoding;
    return (
      `This file is ${label}, not UTF-8: its bytes read cleanly as ${label}, so it was not checked. ` +
      `Reopen it with that encoding (Command Palette: "Change File Encoding" → "Reopen with Encoding" → ${label}) and save it as UTF-8, ` +
      `or convert it with: seed-curator fix FILE --encoding ${guess.encoding} --output-encoding utf8 --write`
    );
  }
  if (/UTF-16/.test(result.problem.message)) return 'This file is UTF-16, not UTF-8: not checked. Save it as UTF-8 ("Change File Encoding" → "Save with Encoding" → UTF-8).';
  return 'This file is not valid UTF-8 and does not read cleanly as GBK or Big5: not checked. Reopen it with its real encoding and save it as UTF-8.';
}

export interface AnalysedPart {
  /** The prefix of the text that is analysed: whole lines, at most `maxBytes` of UTF-8. */
  text: string;
  /** Set when the text was cut: what to tell the user. */
  note?: string;
}

/** Cuts text over the analysis limit at the last line break before it (inside a line that long alone). */
export function partToAnalyse(text: string, maxBytes: number): AnalysedPart {
  if (!(maxBytes > 0) || text.length <= maxBytes / 3 || Buffer.byteLength(text, 'utf8') <= maxBytes) return { text };
  // Walk to the character where the UTF-8 size passes the limit.
  let bytes = 0;
  let cut = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    cut += ch.length;
  }
  const lineEnd = Math.max(text.lastIndexOf('\n', cut - 1), text.lastIndexOf('\r', cut - 1));
  // Whole lines, unless the last line break comes before half the limit (a line of megabytes):
  // then that line is checked up to the limit too, rather than hardly anything.
  const wholeLines = lineEnd >= 0 && lineEnd + 1 >= cut / 2;
  const end = wholeLines ? lineEnd + 1 : cut;
  const lines = (text.slice(0, lineEnd + 1).match(/\r\n|\r|\n/g) ?? []).length;
  const totalKb = Math.round(Buffer.byteLength(text, 'utf8') / 1024);
  const checked = wholeLines
    ? `only the first ${lines} lines were checked`
    : `only ${lines ? `the first ${lines} lines and ` : ''}the first ${end - (lineEnd + 1)} characters of line ${lines + 1} were checked`;
  return {
    text: text.slice(0, end),
    note: `This file is ${totalKb} KB, over the analysis limit of ${Math.round(maxBytes / 1024)} KB (setting seedCurator.maxFileSizeKB): ${checked}.`,
  };
}

/**
 * Fix-all of the part of a text the rules analyse (`partToAnalyse`); the rest is kept as it
 * is. Fix-all, cleaning and export follow the same limit as the diagnostics: a 10 MB file's
 * fix-all took 20 s and rewrote parts no diagnostic had shown.
 */
export function fixWithinLimit(uri: string, text: string, maxBytes: number, options: FixOptions): FixResult {
  const part = partToAnalyse(text, maxBytes);
  if (part.text === text) return fixText(uri, text, options);
  const result = fixText(uri, part.text, options);
  return { ...result, text: result.text + text.slice(part.text.length) };
}
