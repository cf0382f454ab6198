import { decodeHTMLStrict } from 'entities';
import type { Rule, RuleFinding } from '../core/types';

// `&name;`, `&#123;`, `&#x1f;`; and the same with its `&` lost to `?` or U+FFFD (`?middot;`),
// which only counts when the name is a real named entity.
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
const LOST_AMPERSAND_ENTITY = /[?\uFFFD]([A-Za-z][A-Za-z0-9]{1,31});/g;

/** The text an entity stands for, or undefined when it is not one the HTML spec knows. */
export function decodeEntity(entity: string): string | undefined {
  const decoded = decodeHTMLStrict(entity);
  if (decoded === entity) return undefined;
  // U+FFFD is what the spec substitutes for invalid numeric references: nothing was recovered.
  if (decoded === '\uFFFD') return undefined;
  // No-break spaces were layout in the page; in plain text they are ordinary spaces.
  return decoded.replace(/\u00a0/g, ' ');
}

function show(text: string): string {
  return text === ' ' ? 'a space' : text.trim() === '' ? JSON.stringify(text) : `“${text}”`;
}

export const htmlEntity: Rule = {
  id: 'html-entity',
  description: 'HTML entity left raw in the text (&middot;, &nbsp;, &#12289;), also with its & lost to ? (?middot;).',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc) {
    const findings: RuleFinding[] = [];
    const text = doc.text;
    for (const m of text.matchAll(ENTITY)) {
      const decoded = decodeEntity(m[0]);
      if (decoded === undefined) continue;
      const start = m.index!;
      findings.push({
        start,
        end: start + m[0].length,
        message: `HTML entity ${m[0]} left raw; it stands for ${show(decoded)}.`,
        fixes: [{ title: `Decode ${m[0]} to ${show(decoded)}`, safe: true, edits: [{ start, end: start + m[0].length, text: decoded }] }],
      });
    }
    for (const m of text.matchAll(LOST_AMPERSAND_ENTITY)) {
      const decoded = decodeEntity(`&${m[1]};`);
      // Only named entities: `?123;` is too likely to be ordinary text.
      if (decoded === undefined) continue;
      const start = m.index!;
      const end = start + m[0].length;
      // Glued to an English word (`really?not;`) the `?` may be a real question mark.
      const safe = !/[A-Za-z0-9]/.test(text.charAt(start - 1));
      findings.push({
        start,
        end,
        message: `HTML entity &${m[1]}; whose & was lost to ${m[0][0] === '?' ? '?' : 'U+FFFD'}; it stands for ${show(decoded)}.`,
        fixes: [{ title: `Decode ${m[0]} to ${show(decoded)}`, safe, edits: [{ start, end, text: decoded }] }],
      });
    }
    return findings;
  },
};
