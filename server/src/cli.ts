// Entry point of the `seed-curator` command (bundled to dist/cli/cli.js, run by bin/seed-curator.js).
import { runCli } from './cli/main';
import { processIo } from './cli/io';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    // exitCode, not exit(): large outputs to a pipe must drain first.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`seed-curator: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
