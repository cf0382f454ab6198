// The date of a document: the page's own date (dateline or metadata), and the date of
// the event it reports when the first lines say `3月3日,…` / `On the afternoon of July 28`.
// A role is dated by the event when there is one (the day the person was seen holding
// the post), else by the page.

export interface DocumentDates {
  /** The page's date, YYYY-MM-DD, from labelled metadata or the first date-like line. */
  published?: string;
  /** The reported event's date, YYYY-MM-DD, resolved against the page's date. */
  event?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

// Labels of metadata dates in Simplified, Traditional and English pages.
const LABELLED = /(?:发布日期|發布日期|發佈日期|发布时间|發布時間|發佈時間|日期|时间|時間|Time|Date|Published)\s*[::]\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/iu;
const ANY_DATE = /(?<!\d)(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)/u;
const EVENT_ZH = /(?<![\d年])(\d{1,2})月(\d{1,2})日/u;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const EVENT_EN = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'i');

/** How far into the text the dateline and the lead paragraph are looked for. */
const HEAD = 1500;

export function documentDates(text: string): DocumentDates {
  const head = text.slice(0, HEAD);
  let published: string | undefined;
  let publishedAt = -1;
  const l = LABELLED.exec(head);
  if (l) {
    published = valid(+l[1], +l[2], +l[3]);
    publishedAt = l.index;
  }
  if (!published) {
    const a = ANY_DATE.exec(head);
    if (a) {
      published = valid(+a[1], +a[2], +a[3]);
      publishedAt = a.index;
    }
  }
  if (!published) return {};
  // The event: the first month-day after the dateline, within a month before the page.
  const after = head.slice(Math.max(0, publishedAt));
  let month: number | undefined;
  let day: number | undefined;
  const zh = EVENT_ZH.exec(after);
  const en = EVENT_EN.exec(after);
  if (zh && (!en || zh.index < en.index)) {
    month = +zh[1];
    day = +zh[2];
  } else if (en) {
    month = MONTHS.indexOf(en[1].toLowerCase()) + 1;
    day = +en[2];
  }
  if (month === undefined || day === undefined) return { published };
  const [py, pm, pd] = published.split('-').map(Number);
  const year = month > pm ? py - 1 : py;
  const event = valid(year, month, day);
  if (!event) return { published };
  const days = (Date.parse(published) - Date.parse(event)) / 86400000;
  return days >= 0 && days <= 31 && !(month === pm && day > pd) ? { published, event } : { published };
}
