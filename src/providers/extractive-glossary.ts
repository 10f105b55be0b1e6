import type { Passage } from "../domain/passage.ts";
import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import { isSubjectTerm, type TermDefinition } from "./extractive-definitions.ts";

// Which of the sources' term definitions make the article's glossary: one per term, the terms the
// sources use most, listed alphabetically as a glossary is. The article's own subject is defined in
// its opening sections, not in its glossary.

export const MAX_GLOSSARY_ENTRIES = 8;

export function selectGlossary(args: { definitions: readonly TermDefinition[]; passages: readonly Passage[]; subject: string | undefined }): TermDefinition[] {
  const byTerm = new Map<string, TermDefinition>();
  for (const definition of args.definitions) {
    if (args.subject !== undefined && isSubjectTerm(definition.term, args.subject)) continue;
    const key = tokenizeTerms(definition.term).join(" ");
    // The first definition in reading order (sources are numbered by the spec, best first) wins.
    if (key !== "" && !byTerm.has(key)) byTerm.set(key, definition);
  }
  const passageTerms = args.passages.map((passage) => new Set(tokenizeTerms(passage.text)));
  const salience = (definition: TermDefinition): number => {
    const terms = tokenizeTerms(definition.term);
    return passageTerms.filter((set) => terms.every((term) => set.has(term))).length;
  };
  return [...byTerm.values()]
    .map((definition) => ({ definition, salience: salience(definition) }))
    .sort((a, b) => b.salience - a.salience || a.definition.source - b.definition.source || a.definition.start - b.definition.start)
    .slice(0, MAX_GLOSSARY_ENTRIES)
    .map((entry) => entry.definition)
    .sort((a, b) => a.term.localeCompare(b.term, "en"));
}
