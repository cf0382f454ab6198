// Matches of a pattern that starts with one Han character and an opening bracket (pinyin
// annotations: `發(fā)`), found where a bracket opens rather than by a global search, which
// tries the Han class at every offset of the text (most text has few brackets).

/**
 * The matches of `sticky` (flags `uy`; it must match a Han character, then `(` or `（`, then no
 * Han character or opening bracket) in `text`, in order: the same as matching it globally, since
 * each match holds one opening bracket, right after its Han character, and two matches cannot
 * overlap (nothing in a match after its first character is Han).
 */
export function hanBracketMatches(text: string, sticky: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let ascii = text.indexOf('(');
  let wide = text.indexOf('（');
  while (ascii >= 0 || wide >= 0) {
    let open: number;
    if (wide < 0 || (ascii >= 0 && ascii < wide)) {
      open = ascii;
      ascii = text.indexOf('(', ascii + 1);
    } else {
      open = wide;
      wide = text.indexOf('（', wide + 1);
    }
    if (open === 0) continue;
    // The character before the bracket: one unit, or a surrogate pair (a Han character beyond the BMP).
    const low = text.charCodeAt(open - 1);
    const start = low >= 0xdc00 && low <= 0xdfff && open >= 2 && (text.charCodeAt(open - 2) & 0xfc00) === 0xd800 ? open - 2 : open - 1;
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (m) out.push(m);
  }
  return out;
}
