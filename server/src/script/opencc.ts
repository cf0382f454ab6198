import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;

export type OpenccLocale = 'cn' | 'tw' | 'twp' | 'hk' | 't' | 'jp';

// opencc-js builds a trie of Maps for each converter it makes, and a converter from 'cn'
// holds all of OpenCC's Simplified→Traditional phrases (~20 MB of heap): s2t, s2tw and
// s2hk made separately held three copies. A conversion is OpenCC's source stage (to
// Traditional) then its target stage (from Traditional), so each stage is built once and
// shared; the composition is the same conversion opencc-js makes for {from, to}.
const stages = new Map<string, Convert>();
const converters = new Map<string, Convert>();

/** An opencc-js configuration: its chains of dictionary groups, applied in order. */
export interface OpenccConfig {
  normalizationChain?: unknown[][];
  segmentation?: unknown[][];
  conversionChain: unknown[][];
}

/** An opencc-js configuration by its own name (s2t, t2s, tw2sp, …); undefined when opencc-js has none. */
export function openccConfig(name: string): OpenccConfig | undefined {
  return (OpenCC.Locale as unknown as { configs?: Record<string, OpenccConfig | undefined> }).configs?.[name];
}

/** The opencc-js configuration Converter({ from, to }) applies (its own naming of them). */
function configOf(from: OpenccLocale, to: OpenccLocale): OpenccConfig | undefined {
  return openccConfig(from === 'cn' ? `s2${to}` : to === 'cn' ? (from === 'twp' ? 'tw2sp' : `${from}2s`) : `${from}2${to}`);
}

/** A dictionary's [key, value] entries: opencc-js keeps them as "key value|key value…" or as pairs. */
export function dictionaryEntries(dict: unknown): string[][] {
  return typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : (dict as string[][]);
}

/**
 * For each trie of a configuration (normalisation, then conversion), what a text of one code
 * point becomes: the value of that code point's own key, as the trie's loadDictGroup leaves
 * it (the group's dictionaries last to first, a later entry replacing an earlier one).
 * undefined when the configuration is not as expected.
 */
function characterTables(from: OpenccLocale, to: OpenccLocale): Array<Map<number, string>> | undefined {
  try {
    const config = configOf(from, to);
    if (!config) return undefined;
    return [...(config.normalizationChain ?? []), ...config.conversionChain].map((group) => {
      const table = new Map<number, string>();
      for (const dict of [...group].reverse()) {
        for (const [key, value] of dictionaryEntries(dict)) {
          const cp = key.codePointAt(0);
          if (cp !== undefined && key.length === (cp > 0xffff ? 2 : 1) && typeof value === 'string') table.set(cp, value);
        }
      }
      return table;
    });
  } catch {
    return undefined;
  }
}

/**
 * One stage: a text of one code point through the tables of one-character keys, anything
 * else (and a character whose value on the way is longer) through opencc-js's converter,
 * built on first use. In the server the cn→t stage converts single characters only (which
 * script a character is, the Traditional form of a name): its trie is 21 MB, its characters'
 * tables a few hundred KB.
 */
export function makeStage(from: OpenccLocale, to: OpenccLocale): { convert: Convert; readonly built: boolean } {
  let full: Convert | undefined;
  const tables = characterTables(from, to);
  const convert = (text: string): string => {
    if (tables && text.length > 0 && text.length <= 2) {
      let s = text;
      let one = true;
      for (const table of tables) {
        const cp = s.codePointAt(0)!;
        if (s.length !== (cp > 0xffff ? 2 : 1)) {
          one = false;
          break;
        }
        s = table.get(cp) ?? s;
      }
      if (one) return s;
    }
    full ??= OpenCC.Converter({ from, to }) as Convert;
    return full(text);
  };
  return {
    convert,
    get built() {
      return full !== undefined;
    },
  };
}

function stage(from: OpenccLocale, to: OpenccLocale): Convert {
  const key = `${from}>${to}`;
  let convert = stages.get(key);
  if (!convert) {
    convert = makeStage(from, to).convert;
    stages.set(key, convert);
  }
  return convert;
}

export function converter(from: OpenccLocale, to: OpenccLocale): Convert {
  const key = `${from}>${to}`;
  let convert = converters.get(key);
  if (!convert) {
    const toTraditional = from === 't' ? undefined : stage(from, 't');
    const fromTraditional = to === 't' ? undefined : stage('t', to);
    convert = toTraditional && fromTraditional ? (text) => fromTraditional(toTraditional(text)) : (toTraditional ?? fromTraditional ?? ((text) => text));
    converters.set(key, convert);
  }
  return convert;
}

const charCache = new Map<string, string>();

/** The Simplified form of one character (itself when it has none). */
export function toSimplifiedChar(char: string): string {
  let s = charCache.get(char);
  if (s === undefined) {
    s = converter('t', 'cn')(char);
    charCache.set(char, s);
  }
  return s;
}
