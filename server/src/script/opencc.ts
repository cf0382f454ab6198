import * as OpenCC from 'opencc-js';

// opencc-js builds its dictionaries on first use; converters are created once and shared.
type Convert = (text: string) => string;
const converters = new Map<string, Convert>();

export type OpenccLocale = 'cn' | 'tw' | 'twp' | 'hk' | 't' | 'jp';

export function converter(from: OpenccLocale, to: OpenccLocale): Convert {
  const key = `${from}>${to}`;
  let convert = converters.get(key);
  if (!convert) {
    convert = OpenCC.Converter({ from, to }) as Convert;
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
