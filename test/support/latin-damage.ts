import iconv from 'iconv-lite';

/** UTF-8 bytes shown through a code page; bytes it leaves undefined come out as C1 controls, as Latin-1 would. */
export function damage(text: string, codepage: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    const ch = iconv.decode(Buffer.from([b]), codepage);
    out += ch === '\ufffd' ? String.fromCharCode(b) : ch;
  }
  return out;
}
