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

/** The words of `text`, in order, covering it without gaps. */
export function wordSegments(text: string): WordSegment[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: WordSegment[] = [];
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    out.push({ start: index, end: index + segment.length, word: segment, wordLike: isWordLike === true });
  }
  return out;
}
