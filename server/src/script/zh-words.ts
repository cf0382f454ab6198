// Chinese word segmentation by the ICU dictionary that Node ships (Intl.Segmenter):
// no native addon and nothing to bundle. ICU knows words, not parts of speech, and
// splits most personal names into single characters.

export interface WordSegment {
  /** UTF-16 offsets in the segmented text. */
  start: number;
  end: number;
  word: string;
  /** False for punctuation and spaces. */
  wordLike: boolean;
}

let segmenter: Intl.Segmenter | undefined;

/** Longest piece handed to ICU at once: its segment iterator slows down super-linearly on long strings. */
const MAX_PIECE = 512;
const PIECE_BREAK = /[\n。，、；：！？,.;:!?\s]/;

/** The words of `text`, in order, covering it without gaps. */
export function wordSegments(text: string): WordSegment[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: WordSegment[] = [];
  // Segment in pieces that end at a line break or punctuation (where no word spans),
  // so the work stays linear in the length of the text.
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + MAX_PIECE);
    if (to < text.length) {
      let cut = to;
      while (cut > from + 1 && !PIECE_BREAK.test(text[cut - 1])) cut--;
      // No break in the window: cut anyway, but never inside a surrogate pair.
      to = cut > from + 1 ? cut : /[\udc00-\udfff]/.test(text[to] ?? '') ? to + 1 : to;
    }
    for (const { segment, index, isWordLike } of segmenter.segment(text.slice(from, to))) {
      out.push({ start: from + index, end: from + index + segment.length, word: segment, wordLike: isWordLike === true });
    }
    from = to;
  }
  return out;
}
