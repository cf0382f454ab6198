// Command-line paths and globs to the list of seed files, and the roots that
// --write may touch. A path that exists is taken literally (even with glob
// characters in its name); a folder stands for its *.txt files, recursively.
import fg from 'fast-glob';
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from './io';

export interface InputFile {
  /** As shown to the user and in JSON: relative to cwd with `/`, or absolute when outside it. */
  path: string;
  absolute: string;
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Real paths of cwd, the folders named and the folders holding the files or glob bases named. */
  roots: string[];
  /** Globs that matched nothing (not an error unless nothing matched at all). */
  emptyGlobs: string[];
}

/** A relative path that leaves its base (`..`, `../x`) or is on another drive. */
function escapes(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  if (rel === '' || escapes(rel)) return absolute;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export async function expandInputs(args: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const seen = new Set<string>();
  const files: InputFile[] = [];
  const roots = new Set<string>([realOrSelf(cwd)]);
  const emptyGlobs: string[] = [];
  const add = (absolutes: string[]) => {
    for (const absolute of absolutes.sort()) {
      // One file reached by two names (a symlink beside its target) is read, fixed and written once.
      const identity = realOrSelf(absolute);
      if (seen.has(identity)) continue;
      seen.add(identity);
      files.push({ path: displayPath(cwd, absolute), absolute });
    }
  };

  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      roots.add(realOrSelf(absolute));
      const found = await fg('**/*.txt', { cwd: absolute, absolute: true, onlyFiles: true, ignore: IGNORE, suppressErrors: true });
      add(found.map((p) => resolve(p)));
    } else if (stat?.isFile()) {
      roots.add(realOrSelf(dirname(absolute)));
      add([absolute]);
    } else if (stat) {
      throw new UsageError(`${arg} is neither a file nor a folder`);
    } else if (fg.isDynamicPattern(arg)) {
      for (const task of fg.generateTasks([arg], { cwd })) roots.add(realOrSelf(resolve(cwd, task.base)));
      const found = await fg(arg, { cwd, absolute: true, onlyFiles: true, ignore: IGNORE, suppressErrors: true });
      if (found.length === 0) emptyGlobs.push(arg);
      add(found.map((p) => resolve(p)));
    } else {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
  }
  return { files, roots: [...roots], emptyGlobs };
}

/** True when `path` is `root` or inside it (both real paths). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || !escapes(rel);
}
