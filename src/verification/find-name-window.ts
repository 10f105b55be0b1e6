// Where the source writes a claim's name with one word changed (issue 13). A name with one word the
// source never has usually passes the entity check (a spelling, a middle initial the page leaves
// out). But where the source writes the name's other word next to another capitalised word in that
// place ("Football Weekly" for the claim's "Football Fortnightly"), the claim names another thing.

import type { Term } from "../domain/text/analyze-terms.ts";
import type { SourceIndex } from "./source-index.ts";

/** Enough places for any word of a real page. */
const MAX_PLACES = 400;

/** The claim's name and the source's, when the source writes the name's known word beside another capitalised word in the unknown word's place. */
export function findNameWordSwapped(nameTerms: Term[], index: SourceIndex, hasSourceStem: (stem: string) => boolean): { claim: string; source: string } | undefined {
  const unknown = nameTerms.filter((term) => !term.isStop && !hasSourceStem(term.stem));
  if (unknown.length !== 1) return undefined;
  const at = nameTerms.indexOf(unknown[0] as Term);
  const nameWords = new Set(nameTerms.map((term) => term.lower));
  // The known word right before the unknown one, read forwards, else the one right after, read backwards.
  const before = nameTerms[at - 1];
  const after = nameTerms[at + 1];
  const [known, step] = before && !before.isStop ? [before, 1] : after && !after.isStop ? [after, -1] : [undefined, 0];
  if (!known) return undefined;
  for (const id of (index.postings.get(known.stem) ?? []).slice(0, MAX_PLACES)) {
    const terms = index.sentences[id]?.terms ?? [];
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as Term;
      if (term.stem !== known.stem || !term.isCapitalized) continue;
      const other = terms[i + step];
      const isAdjacent = other !== undefined && index.text.slice(Math.min(term.end, other.end), Math.max(term.start, other.start)).trim() === "";
      if (!isAdjacent || !other.isCapitalized || other.isStop || other.number !== undefined || nameWords.has(other.lower)) continue;
      const shown = (a: Term, b: Term): string => (step === 1 ? `${a.raw} ${b.raw}` : `${b.raw} ${a.raw}`);
      return { claim: shown(known, unknown[0] as Term), source: shown(term, other) };
    }
  }
  return undefined;
}
