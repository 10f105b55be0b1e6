// The evidence of a claim's full date (issue 13). A claim's year written with its month and day
// ("On August 22, 2020, ...") names one day; the source's passages that write that same month and
// day with a year are where the date is stated, whatever window the claim's other words pick. The
// window may hold the claim's year about something else ("the Tokyo 2020 Olympic Games"), while the
// page's dateline says "August 22, 2017": the claim's day is then in another year.

import type { SourceIndex } from "./source-index.ts";
import { firstPlaces } from "./weigh-passages.ts";

export interface FullDate {
  month: number;
  day: number;
  year: string;
  /** As written. */
  text: string;
}

const MONTH_PREFIXES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)([a-z]*)\\.?";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "((?:1[5-9]|20)\\d\\d)";
// "August 22, 2017", "Aug. 22 2017", "22 August 2017", "22nd of August, 2017".
const FULL_DATE = new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b|\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, "g");

/** 1-12 for a month's name or its abbreviation ("Aug", "Sept"), or 0 for a word that only starts like one ("Mayor"). */
function monthOf(prefix: string, rest: string): number {
  const k = MONTH_PREFIXES.indexOf(prefix.toLowerCase());
  const full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][k] ?? "";
  const written = (prefix + rest).toLowerCase();
  return k >= 0 && (full.startsWith(written) || written === "sept") ? k + 1 : 0;
}

/** The full dates (month, day and year) a text writes. */
export function fullDatesIn(text: string): FullDate[] {
  const dates: FullDate[] = [];
  for (const match of text.matchAll(FULL_DATE)) {
    const [, monthA, restA, dayA, yearA, dayB, monthB, restB, yearB] = match;
    const month = monthA !== undefined ? monthOf(monthA, restA ?? "") : monthOf(monthB ?? "", restB ?? "");
    const day = Number(dayA ?? dayB);
    if (month === 0 || day < 1 || day > 31) continue;
    dates.push({ month, day, year: (yearA ?? yearB) as string, text: match[0] });
  }
  return dates;
}

/**
 * A claim's full date whose month and day the source writes only with other years (read in the
 * sentences that write the day's number), with the source's date; undefined when the source writes
 * the claim's date, or that day with no year, or not at all.
 */
export function findDateInAnotherYear(claimText: string, index: SourceIndex): { claim: FullDate; source: FullDate } | undefined {
  for (const claim of fullDatesIn(claimText)) {
    const sameDay: FullDate[] = [];
    for (const id of firstPlaces(index, String(claim.day))) {
      const sentence = index.sentences[id];
      if (!sentence) continue;
      for (const date of fullDatesIn(index.text.slice(sentence.start, sentence.end))) if (date.month === claim.month && date.day === claim.day) sameDay.push(date);
    }
    const other = sameDay.find((date) => date.year !== claim.year);
    if (other && !sameDay.some((date) => date.year === claim.year)) return { claim, source: other };
  }
  return undefined;
}
