// What a command may touch of the outside world: its output streams and the
// folder it runs in. Commands write through this, never to process.* directly,
// so a later caller (a worker, a test) can run them with other streams.

export interface CliIo {
  cwd: string;
  /** Input of commands that read a stream (stream, stats); absent when there is none. */
  stdin?: NodeJS.ReadableStream;
  /** True when stderr is a terminal: progress bars go there, never into a log. */
  stderrIsTTY?: boolean;
  /** Resolves when stdout can take more (backpressure for commands that write without end). */
  drained?: () => Promise<void>;
  stdout(chunk: string | Uint8Array): void;
  stderr(chunk: string): void;
}

/** A mistake in how the command was called: exit code 2, message on stderr. */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
/** A finding of severity error, or a file that could not be checked, fixed or written. */
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdin: process.stdin,
    stderrIsTTY: process.stderr.isTTY === true,
    drained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
    stdout: (chunk) => void process.stdout.write(chunk),
    stderr: (chunk) => void process.stderr.write(chunk),
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Diagnostics (or text lines) of a report written per call at most. */
export const OUTPUT_PIECE = 10_000;

/**
 * Writes exactly JSON.stringify(value), its `diagnostics` array in pieces: as one string the
 * diagnostics of a 16 MB line (2.8 million findings) passed V8's maximum string length.
 */
export function writeJsonWithDiagnostics(io: CliIo, value: { diagnostics?: unknown }): void {
  const diagnostics = value.diagnostics;
  if (!Array.isArray(diagnostics) || diagnostics.length <= OUTPUT_PIECE) {
    io.stdout(JSON.stringify(value));
    return;
  }
  // The other fields in their order, the diagnostics' place held by a string no text holds.
  const marker = JSON.stringify(`\u0000seed-curator diagnostics ${process.pid} ${performance.now()}`);
  const shell = JSON.stringify({ ...value, diagnostics: JSON.parse(marker) });
  const at = shell.indexOf(marker);
  io.stdout(`${shell.slice(0, at)}[`);
  for (let k = 0; k < diagnostics.length; k += OUTPUT_PIECE) {
    io.stdout(`${k > 0 ? ',' : ''}${diagnostics.slice(k, k + OUTPUT_PIECE).map((d) => JSON.stringify(d)).join(',')}`);
  }
  io.stdout(`]${shell.slice(at + marker.length)}`);
}
