// The shape of a subcommand. main.ts keeps the table; adding `people`,
// `convert`, `stream` or `stats` is one more module of this shape.
import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Invocation {
  values: OptionValues;
  positionals: string[];
  io: CliIo;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The synopsis, without the program name. */
  usage: string;
  /** Option and behaviour lines for `seed-curator <name> --help`. */
  details: string;
  options: OptionSpecs;
  /** Resolves to the exit code; throws UsageError for exit code 2. */
  run(invocation: Invocation): Promise<number>;
}

/** Options every command that reads seeds accepts. */
export const SEED_OPTIONS: OptionSpecs = {
  config: { type: 'string' },
  encoding: { type: 'string' },
};

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
