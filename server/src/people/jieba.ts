// @node-rs/jieba, loaded lazily and optionally: the extractor uses its part-of-speech
// tags and dictionary as extra evidence, and still works (a little less well) when the
// native module cannot load, e.g. in a bundle that left it out.

interface TaggedWord { word: string; tag: string }
interface JiebaLike { tag(sentence: string, hmm?: boolean): TaggedWord[] }

const JIEBA_MODULE = ['@node-rs', 'jieba'].join('/');
let instance: JiebaLike | null | undefined;
let dictionaryText: string | undefined;

function load(): JiebaLike | null {
  if (instance !== undefined) return instance;
  try {
    // Required by a computed name so bundlers leave it to Node at run time: the module is
    // native (a .node binary) and reads its dictionary beside itself, neither bundles.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Jieba } = require(JIEBA_MODULE) as { Jieba: { withDict(d: Uint8Array): JiebaLike } };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dict } = require(`${JIEBA_MODULE}/dict`) as { dict: Uint8Array };
    instance = Jieba.withDict(dict);
    dictionaryText = Buffer.from(dict).toString('utf8');
  } catch {
    instance = null;
  }
  return instance;
}

export interface Token { start: number; end: number; word: string; tag: string }

/** jieba's tagged tokens of `text` with their offsets; empty when jieba is unavailable. */
export function tagTokens(text: string): Token[] {
  const j = load();
  if (!j) return [];
  const tokens: Token[] = [];
  // Line by line: jieba is fast, but long texts with odd characters are better cut small.
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let pos = lineStart;
    if (line.length > 0) {
      for (const { word, tag } of j.tag(line, true)) {
        const at = text.indexOf(word, pos);
        if (at < 0 || at > pos + 4) continue; // jieba normalised something; skip rather than misplace
        tokens.push({ start: at, end: at + word.length, word, tag });
        pos = at + word.length;
      }
    }
    lineStart += line.length + 1;
  }
  return tokens;
}

let commonWords: Map<string, string> | undefined;

/**
 * Common words of jieba's dictionary that are not person names (tag not nr*), with
 * their tag: `高度` (frequency 6119, adverb/noun) is no name even after `领导`.
 */
export function commonWordTag(word: string): string | undefined {
  if (!commonWords) {
    commonWords = new Map();
    load();
    if (dictionaryText) {
      for (const line of dictionaryText.split('\n')) {
        const [w, f, tag] = line.split(' ');
        if (!w || !tag || tag.startsWith('nr') || w.length < 2 || w.length > 4) continue;
        if (Number(f) >= 100) commonWords.set(w, tag);
      }
    }
  }
  return commonWords.get(word);
}

/** Tags after which a name has certainly ended: verbs, prepositions, conjunctions, particles, adverbs, time words. */
export function isNameEndingTag(tag: string): boolean {
  return /^(v|vd|p|c|u|ul|uj|uz|ud|ug|uv|d|ad|t|f|y)$/.test(tag);
}

/** The tag jieba gives the first word of `text` (a short window after a candidate name). */
export function firstWordTag(text: string): { word: string; tag: string } | undefined {
  const j = load();
  if (!j || text.length === 0) return undefined;
  return j.tag(text, true)[0];
}
