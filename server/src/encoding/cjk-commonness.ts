import iconv from 'iconv-lite';
import type { CorpusView } from '../core/types';

// How ordinary a character is in Chinese prose, derived from the codec tables
// themselves rather than from a hand list:
//  - GB2312 level 1 (GBK lead bytes 0xB0–0xD7) holds the 3,755 most frequent
//    Simplified characters; Big5 lead bytes 0xA4–0xC6 hold its 5,401 frequent
//    Traditional characters. Together: the common Han characters of both scripts.
//  - GB2312 row 1 (0xA1xx) and row 3 (0xA3xx, full-width ASCII) and Big5 0xA1xx
//    are the punctuation of Chinese text.
//  - GB2312 level 2 (0xD8–0xF7) and Big5 level 2 (0xC9–0xF9) are real but rare
//    characters; GB2312 rows 2, 4–9 (numerals, kana, Greek, Cyrillic, pinyin,
//    box drawing) are legitimate symbols that prose rarely mixes into Han text.
//  - Everything only GBK's extension areas (lead 0x81–0xA0, 0xAA–0xFE trail
//    < 0xA1) or no Chinese table at all knows is very rare.
// Mojibake is dense in the last two classes; repaired text is not.

export const enum Commonness {
  /** ASCII, common punctuation, frequent Han characters of either script. */
  Common = 0,
  /** A real but rare Han character, or a symbol out of place in Han prose. */
  Rare = 1,
  /** Known only to GBK's extension areas, or to no Chinese table: mojibake territory. */
  VeryRare = 2,
}

interface Tables {
  common: Set<string>;
  rare: Set<string>;
}

let tables: Tables | undefined;

function decodePairs(codec: string, leads: [number, number], trails: Array<[number, number]>, into: Set<string>, except?: Set<string>): void {
  const bytes: number[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [lo, hi] of trails) for (let trail = lo; trail <= hi; trail++) bytes.push(lead, trail);
  }
  const text = iconv.decode(Buffer.from(bytes), codec);
  for (const ch of text) {
    if (ch === '\uFFFD' || ch === '?' || (except && except.has(ch))) continue;
    // Undefined Big5/GBK cells decode to U+FFFD; the private use area is no one's text.
    const code = ch.codePointAt(0)!;
    if (code >= 0xe000 && code <= 0xf8ff) continue;
    into.add(ch);
  }
}

function buildTables(): Tables {
  const common = new Set<string>();
  const rare = new Set<string>();
  const GB_TRAIL: Array<[number, number]> = [[0xa1, 0xfe]];
  const BIG5_TRAIL: Array<[number, number]> = [[0x40, 0x7e], [0xa1, 0xfe]];
  const gbLevel2 = new Set<string>();
  decodePairs('gbk', [0xd8, 0xf7], GB_TRAIL, gbLevel2);
  // Frequent Simplified (and shared-form) characters.
  decodePairs('gbk', [0xb0, 0xd7], GB_TRAIL, common);
  // Frequent Traditional characters: Big5 0xA440–0xC67E. A character both tables share
  // whose GB2312 rank is level 2 (瘢 鄹 鞣) stays rare: our text is mainland news, and
  // its Traditional versions are conversions of frequent Simplified characters.
  const big5Frequent = new Set<string>();
  decodePairs('big5', [0xa4, 0xc5], BIG5_TRAIL, big5Frequent);
  decodePairs('big5', [0xc6, 0xc6], [[0x40, 0x7e]], big5Frequent);
  for (const ch of big5Frequent) if (!gbLevel2.has(ch)) common.add(ch);
  // Punctuation: GB2312 row 1 and row 3 (full-width forms), Big5 0xA1 (its punctuation).
  decodePairs('gbk', [0xa1, 0xa1], GB_TRAIL, common);
  decodePairs('gbk', [0xa3, 0xa3], GB_TRAIL, common);
  decodePairs('big5', [0xa1, 0xa1], BIG5_TRAIL, common);
  // Rare but real: level-2 Han characters, and the symbol rows of GB2312.
  for (const ch of gbLevel2) if (!common.has(ch)) rare.add(ch);
  decodePairs('big5', [0xc9, 0xf9], BIG5_TRAIL, rare, common);
  decodePairs('gbk', [0xa2, 0xa2], GB_TRAIL, rare, common);
  decodePairs('gbk', [0xa4, 0xa9], GB_TRAIL, rare, common);
  return { common, rare };
}

function getTables(): Tables {
  return (tables ??= buildTables());
}

/** The class of one character (a whole code point) by the codec tables alone. */
export function tableCommonness(ch: string): Commonness {
  const code = ch.codePointAt(0)!;
  // Printable ASCII, white space and the no-break spaces are ordinary in any text.
  if (code < 0x80) return code >= 0x20 || code === 9 || code === 10 || code === 13 ? Commonness.Common : Commonness.VeryRare;
  if (code === 0xa0 || code === 0x3000 || code === 0xfeff) return Commonness.Common;
  const t = getTables();
  if (t.common.has(ch)) return Commonness.Common;
  if (t.rare.has(ch)) return Commonness.Rare;
  return Commonness.VeryRare;
}

/** True for the characters a Chinese codec table knows (any class but the unknown). */
export function isKnownToChineseTables(ch: string): boolean {
  const t = getTables();
  return t.common.has(ch) || t.rare.has(ch);
}

/**
 * Commonness by the tables, blended with what the workspace itself writes: a rare
 * character the corpus uses again and again (a place or person name such as 飏)
 * counts as common there. Corpus statistics only ever raise a Rare character to
 * Common; a VeryRare one (GBK extension, PUA) stays suspicious however often it
 * occurs, because repeated mojibake is still mojibake.
 */
export class CommonnessModel {
  private readonly corpusCounts = new Map<string, { count: number; docs: number }>();
  /** The corpus's own, incrementally kept counts: read live, so an edit never means a recount. */
  private readonly live?: CorpusView;

  /** Occurrences in at least this many documents, and this many in all, make a rare character common. */
  constructor(
    corpus?: CorpusView,
    private readonly minDocuments = 2,
    private readonly minOccurrences = 3,
  ) {
    if (corpus?.characters) {
      this.live = corpus;
      return;
    }
    if (!corpus || corpus.size < minDocuments) return;
    for (const uri of corpus.uris()) {
      const text = corpus.text(uri);
      if (!text) continue;
      const seen = new Set<string>();
      for (const ch of text) {
        if (ch.charCodeAt(0) < 0x80) continue;
        if (tableCommonness(ch) !== Commonness.Rare) continue;
        let entry = this.corpusCounts.get(ch);
        if (!entry) this.corpusCounts.set(ch, (entry = { count: 0, docs: 0 }));
        entry.count++;
        if (!seen.has(ch)) {
          seen.add(ch);
          entry.docs++;
        }
      }
    }
  }

  /**
   * Changes whenever the classes this model gives may have changed (the corpus it reads
   * changed), so facts derived from it can be kept until then; undefined: may change any time.
   */
  get version(): number | undefined {
    return this.live ? this.live.revision : 0;
  }

  of(ch: string): Commonness {
    const base = tableCommonness(ch);
    if (base !== Commonness.Rare) return base;
    const entry = this.live ? (this.live.size >= this.minDocuments ? this.live.characters!.of(ch) : undefined) : this.corpusCounts.get(ch);
    return entry && entry.docs >= this.minDocuments && entry.count >= this.minOccurrences ? Commonness.Common : base;
  }

  /** Sum of classes over the characters of `text`: 0 for ordinary text. */
  cost(text: string): number {
    let total = 0;
    for (const ch of text) total += this.of(ch);
    return total;
  }

  /** How many characters of `text` are not Common. */
  uncommonCount(text: string): number {
    let n = 0;
    for (const ch of text) if (this.of(ch) !== Commonness.Common) n++;
    return n;
  }
}

let defaultModel: CommonnessModel | undefined;

/** The table-only model, built once. */
export function tableModel(): CommonnessModel {
  return (defaultModel ??= new CommonnessModel());
}
