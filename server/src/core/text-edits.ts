import { diffArrays, diffChars } from 'diff';
import type { TextEdit } from './types';

/** A changed line compared character by character up to this many characters (old and new together). */
const CHARACTER_DIFF_MAX_LENGTH = 20_000;
/** Characters changed in a line beyond which the line stays one edit (the diff gives up early). */
const CHARACTER_DIFF_MAX_EDITS = 400;

function linesWithBreaks(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/**
 * Edits that turn `before` into `after`: what fix-all, Clean and the workspace fix send to the
 * editor. Changed lines come from a line diff; within a changed line the characters that differ
 * are the edits, so each repair is its own edit (a pinyin annotation removed, not its whole line
 * replaced): the refactor preview lists the repairs themselves, and a cursor or selection on a
 * fixed line keeps its place. The rest of the text is untouched, so an undo restores exactly it.
 */
export function editsBetween(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const edits: TextEdit[] = [];
  let offset = 0;
  let removed: string[] = [];
  let added: string[] = [];
  let blockStart = 0;
  const flush = () => {
    if (removed.length === 0 && added.length === 0) return;
    // Lines replaced one for one are refined line by line; other blocks (lines inserted or
    // removed) are one edit, trimmed to what differs.
    if (removed.length === added.length) {
      let at = blockStart;
      for (let i = 0; i < removed.length; i++) {
        refine(removed[i], added[i], at, edits);
        at += removed[i].length;
      }
    } else {
      refine(removed.join(''), added.join(''), blockStart, edits);
    }
    removed = [];
    added = [];
  };
  for (const change of diffArrays(linesWithBreaks(before), linesWithBreaks(after))) {
    if (change.added) {
      if (removed.length === 0 && added.length === 0) blockStart = offset;
      added.push(...change.value);
    } else if (change.removed) {
      if (removed.length === 0 && added.length === 0) blockStart = offset;
      removed.push(...change.value);
      for (const line of change.value) offset += line.length;
    } else {
      flush();
      for (const line of change.value) offset += line.length;
    }
  }
  flush();
  return edits;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Edits turning `old` (at `at` in the text) into `neu`, pushed in order. */
function refine(old: string, neu: string, at: number, out: TextEdit[]): void {
  // Common ends first, never splitting a surrogate pair.
  let prefix = 0;
  const shorter = Math.min(old.length, neu.length);
  while (prefix < shorter && old.charCodeAt(prefix) === neu.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(old.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === neu.charCodeAt(neu.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(old.charCodeAt(old.length - suffix))) suffix--;
  const oldMiddle = old.slice(prefix, old.length - suffix);
  const newMiddle = neu.slice(prefix, neu.length - suffix);
  const start = at + prefix;
  if (oldMiddle.length + newMiddle.length > CHARACTER_DIFF_MAX_LENGTH || oldMiddle.length === 0 || newMiddle.length === 0) {
    out.push({ start, end: start + oldMiddle.length, text: newMiddle });
    return;
  }
  // Code points (the diff splits with Array.from); undefined when more than the bound differ.
  const changes = diffChars(oldMiddle, newMiddle, { maxEditLength: CHARACTER_DIFF_MAX_EDITS });
  if (!changes) {
    out.push({ start, end: start + oldMiddle.length, text: newMiddle });
    return;
  }
  let offset = start;
  let pending: TextEdit | undefined;
  for (const change of changes) {
    if (change.added) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.text += change.value;
    } else if (change.removed) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.end = offset + change.value.length;
      offset += change.value.length;
    } else {
      if (pending) out.push(pending);
      pending = undefined;
      offset += change.value.length;
    }
  }
  if (pending) out.push(pending);
}
