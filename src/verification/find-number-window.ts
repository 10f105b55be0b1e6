// The evidence window of a claim's numbers, when the best window for its words states them not
// (issue 13). Two or more numbers of the claim written together, in the claim's order, in one
// sentence of the source that also holds another word of the claim ("c. 1491–1510" and a caption
// "1491-1510, Groeninge museum, Bruges") are stated there: that sentence is their window, whatever
// other years the best window names. One number alone is too common to place a claim this way.

import type { SourceIndex } from "./source-index.ts";
import { firstPlaces, supportAround, type ClaimWeights } from "./weigh-passages.ts";

/** Enough places for any number of a real page. */
const MAX_PLACES = 400;

/**
 * The id of a sentence that writes every one of `values` (at least two, in this order) and whose
 * passage holds another word of the claim, or undefined. `valuesIn` reads a sentence's numbers as
 * the fact checks do ("2018–19" is 2019).
 */
export function findSentenceStatingTogether(values: string[], claim: ClaimWeights, index: SourceIndex, valuesIn: (sentence: number) => string[]): number | undefined {
  if (values.length < 2) return undefined;
  return firstPlaces(index, values[0] as string, MAX_PLACES).find((id) => {
    const written = valuesIn(id);
    let from = 0;
    for (const value of values) {
      const at = written.indexOf(value, from);
      if (at < 0) return false;
      from = at + 1;
    }
    return supportAround(claim, index, id) > 0;
  });
}
