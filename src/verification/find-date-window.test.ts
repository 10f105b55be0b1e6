import { describe, expect, it } from "vitest";
import { findDateInAnotherYear, fullDatesIn } from "./find-date-window.ts";
import { indexSource } from "./source-index.ts";

describe("fullDatesIn", () => {
  it("reads a month, day and year in either order, and no word that only starts like a month", () => {
    const text = "On August 22, 2017 and on 3rd of Sept. 2018, then 14 March 2019; the Mayor 12, 2020 stayed, and August 2021 has no day.";
    expect(fullDatesIn(text).map(({ month, day, year }) => `${year}-${month}-${day}`)).toEqual(["2017-8-22", "2018-9-3", "2019-3-14"]);
  });
});

describe("findDateInAnotherYear", () => {
  const index = indexSource("TORONTO (August 22, 2017) - The roster was announced.\n\nThe team trains until August 24.\n\nThe goal is the Tokyo 2020 Olympic Games.");

  it("finds the source's date for the claim's day in another year", () => {
    const found = findDateInAnotherYear("On August 22, 2020, the roster was announced.", index);
    expect(found && { claim: found.claim.text, source: found.source.text }).toEqual({ claim: "August 22, 2020", source: "August 22, 2017" });
  });

  it("says nothing when the source writes the claim's date, or that day with no year", () => {
    expect(findDateInAnotherYear("On August 22, 2017, the roster was announced.", index)).toBeUndefined();
    expect(findDateInAnotherYear("On August 24, 2020, the team trained.", index)).toBeUndefined();
  });
});
