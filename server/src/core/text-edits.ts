import { diffArrays, diffChars } from 'diff';
import type { TextEdit } from './types';

/** A changed line compared character by character up to this many characters (old and new together). */
const CHARACTER_DIFF_MAX_LENGTH = 4_000;
/** Characters changed in a line beyond which the line stays one edit (the diff gives up early). */
const CHARACTER_DIFF_MAX_EDITS = 100;

/** Lines in a block beyond which (removed × added) its lines are not paired by similarity. */
const PAIRED_BLOCK_MAX = 10_000;

/**
 * Two lines that are one line repaired: most characters of the shorter occur in the longer, and
 * the shorter is not a mere fragment of it (a line with every character annotated keeps about a
 * fifth of its length; an empty line or a three-character label is no repair of a paragraph).
 */
function similarLines(a: string, b: string): boolean {
  if (a === b) return true;
  const aText = a.replace(/[\r\n]+$/, '');
  const bText = b.replace(/[\r\n]+$/, '');
  const shorter = Math.min(aText.length, bText.length);
  if (shorter === 0 || shorter < 0.15 * Math.max(aText.length, bText.length)) return false;
  return mostlyShared(aText, bText);
}

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
    // Lines replaced one for one are compared character by character. In a block where lines
    // also went or came (boilerplate removed next to a repaired line), the lines that are still
    // mostly the same are paired first (a diff of the block's lines by similarity).
    if (removed.length === added.length) {
      let at = blockStart;
      for (let i = 0; i < removed.length; i++) {
        refine(removed[i], added[i], at, edits, true);
        at += removed[i].length;
      }
    } else if (removed.length === 0 || added.length === 0 || removed.length * added.length > PAIRED_BLOCK_MAX) {
      refine(removed.join(''), added.join(''), blockStart, edits, false);
    } else {
      let at = blockStart;
      let r = 0;
      let a = 0;
      let gone = '';
      let gonesAt = at;
      let came = '';
      const flushUnpaired = () => {
        if (gone || came) refine(gone, came, gonesAt, edits, false);
        gone = '';
        came = '';
      };
      for (const change of diffArrays(removed, added, { comparator: similarLines })) {
        for (let k = 0; k < change.count!; k++) {
          if (change.added) {
            if (!gone && !came) gonesAt = at;
            came += added[a++];
          } else if (change.removed) {
            if (!gone && !came) gonesAt = at;
            gone += removed[r];
            at += removed[r++].length;
          } else {
            flushUnpaired();
            refine(removed[r], added[a++], at, edits, true);
            at += removed[r++].length;
          }
        }
      }
      flushUnpaired();
    }
    removed = [];
    added = [];
  };
  for (const change of diffArrays(linesWithBreaks(before), linesWithBreaks(after))) {
    if (change.added) {
      added.push(...change.value);
    } else if (change.removed) {
      removed.push(...change.value);
      for (const line of change.value) offset += line.length;
    } else {
      flush();
      for (const line of change.value) offset += line.length;
      blockStart = offset;
    }
  }
  flush();
  // Edits that touch become one: two insertions at one place would read as a duplicate, and
  // the character diff's runs of removed and added characters make one edit each.
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const last = merged[merged.length - 1];
    if (last && last.end === edit.start) {
      last.end = edit.end;
      last.text += edit.text;
    } else merged.push(edit);
  }
  return merged;
}

/**
 * Whether most of the shorter side's characters occur in the other: a line whose repairs
 * removed or replaced a few runs. A line rewritten whole (mojibake decoded) shares little, and
 * a character diff would only cost time (the diff's work grows with the characters changed).
 */
function mostlyShared(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const counts = new Map<number, number>();
  for (let i = 0; i < longer.length; i++) {
    const c = longer.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < shorter.length; i++) {
    const c = shorter.charCodeAt(i);
    const n = counts.get(c);
    if (n) {
      shared++;
      counts.set(c, n - 1);
    }
  }
  return shared * 2 >= shorter.length;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Edits turning `old` (at `at` in the text) into `neu`, pushed in order; `byCharacter`: diff what differs between the common ends. */
function refine(old: string, neu: string, at: number, out: TextEdit[], byCharacter: boolean): void {
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
  if (!byCharacter || oldMiddle.length + newMiddle.length > CHARACTER_DIFF_MAX_LENGTH || oldMiddle.length === 0 || newMiddle.length === 0 || !mostlyShared(oldMiddle, newMiddle)) {
    out.push({ start, end: start + oldMiddle.length, text: newMiddle });
    return;
  }
  // Code points (the diff splits with Array.from); undefined when more than the bound differ.
  const changes = diffChars(oldMiddle, newMiddle, { maxEditLength: CHARACTER_DIFF_MAX_EDITS });
  if (!changes) {
    out.push({ start, end: start + oldMiddle.length, text: newMiddle });
    return;
  }
  // One edit per change; editsBetween merges those that touch.
  let offset = start;
  for (const change of changes) {
    if (change.added) out.push({ start: offset, end: offset, text: change.value });
    else if (change.removed) out.push({ start: offset, end: (offset += change.value.length), text: '' });
    else offset += change.value.length;
  }
}
