// The evidence window for a claim's year (issue 13). The best window for the claim's words may state
// no year, or another year, while the source states the claim's year in a passage of its own. The
// year is judged against the passage that states it and best supports the claim (one sentence and
// its neighbours), compared with the best window and with the passages that state other years:
// - a year whose own passage supports the claim about as well as the best window is stated there,
//   whatever year the best window names ("Health Status of Canadians 2016: Report of ..." in a title
//   line, against "in 2014" in the body);
// - a year whose own passage supports the claim much worse than a passage stating another year is
//   not this claim's ("depart America in 1868" against "In August of 1865, she ...").

import type { SourceIndex } from "./source-index.ts";
import { bestPassageStating, firstPlaces, type ClaimWeights } from "./weigh-passages.ts";

export const YEAR = /^(1[5-9]|20)\d\d$/;

/** A year's own passage at least this share of the best window's support stands in for the window. */
export const EQUAL_SUPPORT = 0.8;
/** A passage stating another year must support the claim by this much more (weighted share) to rule the claim's year out. */
const RIVAL_MARGIN = 0.2;

const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?";

/**
 * Whether the source writes `year` as a full date ("Dec. 12, 2018", "23 March 2018",
 * "2016-08-25"): the page's dateline or a dated event, by which a claim may date what the page reports.
 */
export function isWrittenAsFullDate(year: string, index: SourceIndex): boolean {
  const date = new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+${year}\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+${year}\\b|\\b${year}-\\d\\d-\\d\\d\\b`);
  return firstPlaces(index, year).some((id) => {
    const sentence = index.sentences[id];
    return sentence !== undefined && date.test(index.text.slice(sentence.start, sentence.end));
  });
}

/**
 * Another year (none of `claimValues`) stated in a passage that supports the claim clearly better
 * than any passage stating `year`, or undefined. A year the source writes as a full date is never
 * ruled out this way: claims date what a page reports by the page's own date.
 */
export function findBetterYear(year: string, claim: ClaimWeights, index: SourceIndex, claimValues: ReadonlySet<string>, ownSupport: number): string | undefined {
  let rival: { year: string; support: number } | undefined;
  for (const value of index.numbers) {
    if (!YEAR.test(value) || claimValues.has(value)) continue;
    const { support } = bestPassageStating(value, claim, index);
    if (support >= ownSupport + RIVAL_MARGIN && (!rival || support > rival.support)) rival = { year: value, support };
  }
  return rival && !isWrittenAsFullDate(year, index) ? rival.year : undefined;
}
