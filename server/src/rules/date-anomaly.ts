import type { Rule, RuleFinding } from '../core/types';
import { runSteps, StepBudget } from '../core/steps';

// Dates no calendar has: a month over 12, a day over what its month holds, and the
// day numbers that lost their 月 (`520日至21日` for 5月20日至21日). The last are read
// again against the document's own date (its dateline), which decides between the
// possible splits of the digits.

export interface SimpleDate {
  year: number;
  month: number;
  day: number;
}

function daysIn(month: number, year?: number): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidDate(year: number | undefined, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, year);
}

// A labelled date first (日期:2024-05-27, 发布日期, Time:2022.07.28), else the first date near the top.
const DATE = String.raw`((?:19|20)\d{2})\s*(?:[-./年])\s*(\d{1,2})\s*(?:[-./月])\s*(\d{1,2})(?!\d)`;
const LABELLED = new RegExp(String.raw`(?:日期|时间|時間|发布|發布|Time|Date)\s*[:：]?\s*` + DATE, 'i');
const ANY = new RegExp(String.raw`(?<!\d)` + DATE);
const HEAD_LINES = 20;

/** The date the document gives itself, from its first lines. */
export function documentDate(text: string): SimpleDate | undefined {
  // The text before its HEAD_LINES-th line break (not a split of the whole document into lines).
  let headEnd = -1;
  for (let n = 0; n < HEAD_LINES; n++) {
    headEnd = text.indexOf('\n', headEnd + 1);
    if (headEnd < 0) break;
  }
  const head = headEnd < 0 ? text : text.slice(0, headEnd);
  for (const pattern of [LABELLED, ANY]) {
    const m = pattern.exec(head);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isValidDate(year, month, day)) return { year, month, day };
  }
  return undefined;
}

function dayNumber(d: SimpleDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86400000;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: SimpleDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

// Digits before 日 with nothing date-like before them: at a clause start only (not 第520日, 约100日).
const LOST_MONTH = /(?<=^|[\s\u3000,，。;；:：、(（“"])(\d{3,4})日(?:\s*(?:至|到|-|—|~|～)\s*(\d{1,2})日)?/gmu;
const MONTH_DAY = /(?<![\d.])(\d{1,2})月(\d{1,2})日/gu;
const FULL_DATE = /(?<![\d-])((?:19|20)\d{2})(?:-(\d{1,2})-(\d{1,2})|年(\d{1,2})月(\d{1,2})日)(?![\d-])/gu;

/** Code units a pattern searches between two yields (a few tenths of a millisecond); a match counts MATCH_UNITS. */
const STEP_UNITS = 32768;
const MATCH_UNITS = 64;

/** The matches of global `pattern` in `text`, searched in parts, with a yield after the last. */
function* matchesInSteps(text: string, pattern: RegExp): Generator<void, RegExpMatchArray[], void> {
  const matches: RegExpMatchArray[] = [];
  const budget = new StepBudget(STEP_UNITS);
  let searched = 0;
  for (const m of text.matchAll(pattern)) {
    matches.push(m);
    if (budget.spend(m.index! - searched + MATCH_UNITS)) yield;
    searched = m.index!;
  }
  yield;
  return matches;
}

function splits(digits: string): Array<{ month: number; day: number }> {
  const out: Array<{ month: number; day: number }> = [];
  for (let cut = 1; cut < digits.length; cut++) {
    const m = digits.slice(0, cut);
    const d = digits.slice(cut);
    // A written month or day has one or two digits and no leading zero (5月20日, never 5月020日).
    if (d.length > 2 || m.length > 2 || m.startsWith('0') || d.startsWith('0')) continue;
    const month = Number(m);
    const day = Number(d);
    if (isValidDate(undefined, month, day)) out.push({ month, day });
  }
  return out;
}

export const dateAnomaly: Rule = {
  id: 'date-anomaly',
  description: 'Impossible dates: month over 12, day beyond its month, and day numbers that lost their 月 (520日 for 5月20日), read against the document\'s own date.',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc, ctx) {
    return runSteps(this.checkInSteps!(doc, ctx));
  },
  *checkInSteps(doc) {
    const text = doc.text;
    const findings: RuleFinding[] = [];
    const own = documentDate(text);
    const covered: Array<[number, number]> = [];

    for (const m of yield* matchesInSteps(text, LOST_MONTH)) {
      const digits = m[1];
      if (Number(digits) <= 31) continue;
      const start = m.index!;
      const end = start + digits.length + 1;
      covered.push([start, end]);
      const rangeEnd = m[2] === undefined ? undefined : Number(m[2]);
      // A split must also leave the range's end a later day of the same month.
      const candidates = splits(digits).filter((c) => rangeEnd === undefined || (rangeEnd > c.day && rangeEnd <= daysIn(c.month, own?.year)));
      const base = `“${digits}日” is no day of a month: its 月 is missing.`;
      if (candidates.length !== 1) {
        const readings = candidates.map((c) => `${c.month}月${c.day}日`).join(' or ');
        findings.push({ start, end, message: candidates.length ? `${base} It could read ${readings}; nothing here decides.` : `${base} No split of the digits gives a date.`, fixes: [] });
        continue;
      }
      const [c] = candidates;
      const replacement = `${c.month}月${c.day}日`;
      let support = 'no document date to check it against';
      let safe = false;
      if (own) {
        // The event happened before the report, in the dateline's month or the one before.
        const year = c.month > own.month ? own.year - 1 : own.year;
        const event = { year, month: c.month, day: c.day };
        const daysBefore = dayNumber(own) - dayNumber(event);
        const sameMonth = c.month === own.month;
        safe = sameMonth && daysBefore >= 0 && daysBefore <= 31;
        support = safe
          ? `the document is dated ${iso(own)}, the same month, ${daysBefore} day${daysBefore === 1 ? '' : 's'} later`
          : `the document is dated ${iso(own)}, which does not confirm the month`;
      }
      findings.push({
        start,
        end,
        message: `${base} The only reading is ${replacement}${rangeEnd !== undefined ? `至${rangeEnd}日` : ''} (${support}).`,
        fixes: [{ title: `Read as ${replacement}`, safe, edits: [{ start, end, text: replacement }] }],
      });
    }

    const overlaps = (s: number, e: number) => covered.some(([a, b]) => s < b && e > a);
    for (const m of yield* matchesInSteps(text, FULL_DATE)) {
      const year = Number(m[1]);
      const month = Number(m[2] ?? m[4]);
      const day = Number(m[3] ?? m[5]);
      if (isValidDate(year, month, day)) continue;
      const start = m.index!;
      const end = start + m[0].length;
      covered.push([start, end]);
      findings.push({ start, end, message: `${m[0]} is no date: ${month < 1 || month > 12 ? `there is no month ${month}` : `month ${month} of ${year} has no day ${day}`}.`, fixes: [] });
    }
    for (const m of yield* matchesInSteps(text, MONTH_DAY)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const month = Number(m[1]);
      const day = Number(m[2]);
      if (isValidDate(undefined, month, day)) continue;
      findings.push({ start, end, message: `${m[0]} is no date: ${month < 1 || month > 12 ? `there is no month ${month}` : `month ${month} has no day ${day}`}.`, fixes: [] });
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
