// Argument handling and the command table. A new subcommand is one entry in
// COMMANDS; global flags (--help, --version) and usage errors are handled here.
import { parseArgs } from 'node:util';
import { version } from '../../../package.json';
import { checkCommand } from './check';
import { convertCommand } from './convert';
import { peopleCommand } from '../people/people-command';
import type { Command, OptionValues } from './command';
import { fixCommand } from './fix';
import { statsCommand } from './stats';
import { streamCommand } from './stream';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';

export const COMMANDS: readonly Command[] = [checkCommand, fixCommand, convertCommand, peopleCommand, streamCommand, statsCommand];

const PROGRAM = 'seed-curator';

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `${PROGRAM} ${version}: finds and repairs damage in scraped news text ("seed" files).

Usage:
${COMMANDS.map((c) => `  ${PROGRAM} ${c.usage}`).join('\n')}
  ${PROGRAM} <command> --help
  ${PROGRAM} --version

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Files are read as UTF-8 (a BOM is kept and reported, not stripped). A file that
is binary or not UTF-8 is reported and skipped; for GBK or Big5 files pass
--encoding gbk or --encoding big5.
`;
}

function commandHelp(command: Command): string {
  return `Usage: ${PROGRAM} ${command.usage}\n\n${command.details}\n`;
}

function usageMessage(error: unknown, command?: Command): UsageError {
  const e = error as NodeJS.ErrnoException;
  const where = command ? ` for '${command.name}'` : '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(e.message)?.[1] ?? 'option';
    return new UsageError(`unknown option ${option}${where}`);
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(e.message.replace(/^Option '([^']+)'/, 'option $1').replace(/\.$/, ''));
  }
  return new UsageError(e.message);
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(globalHelp());
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const named = first === 'help' && rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (first === 'help' && rest[0] && !named) return usage(io, new UsageError(`unknown command '${rest[0]}'`));
    io.stdout(named ? commandHelp(named) : globalHelp());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command '${first}'`;
    return usage(io, new UsageError(`${what}; commands: ${COMMANDS.map((c) => c.name).join(', ')}`));
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }

  let values: OptionValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...rest], options: command.options, strict: true, allowPositionals: true }));
  } catch (error) {
    return usage(io, usageMessage(error, command), command);
  }
  try {
    return await command.run({ values, positionals, io });
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error, command);
    throw error;
  }
}

function usage(io: CliIo, error: UsageError, command?: Command): number {
  const help = command ? `${PROGRAM} ${command.name} --help` : `${PROGRAM} --help`;
  io.stderr(`${PROGRAM}: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}Run '${help}' for usage.\n`);
  return EXIT_USAGE;
}
