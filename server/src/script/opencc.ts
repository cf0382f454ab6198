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

function stage(from: OpenccLocale, to: OpenccLocale): Convert {
  const key = `${from}>${to}`;
  let convert = stages.get(key);
  if (!convert) {
    convert = OpenCC.Converter({ from, to }) as Convert;
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
