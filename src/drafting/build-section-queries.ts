// A section's retrieval queries, built from the article's spec and the section's purpose, so one
// prompt file serves any topic: the prompt file holds only topic-neutral purpose terms ("developed
// introduced origin history") and names the spec fields that matter to the section (`spec_terms`,
// e.g. key_figures for the lineage, problems for the problems worked on); the spec brings the words.
//
// The first query is the purpose terms with the topic; then one query per value of each named
// field, that value with the purpose terms. Ranking fuses the queries (rank-passages-for-queries),
// so every key figure or problem the spec names gets its own chance at the section's passages
// instead of being outweighed by the words the others share.

export const SPEC_TERM_FIELDS = ["title", "type", "subtype", "discipline", "evidence_status", "populations", "problems", "key_figures"] as const;
export type SpecTermField = (typeof SPEC_TERM_FIELDS)[number];

/** The parts of an article spec queries are built from (src/spec/article-spec.ts gives them). */
export interface QuerySpec {
  title: string;
  topic: string;
  metadata: {
    type: string;
    subtype?: string | undefined;
    discipline: readonly string[];
    evidence_status: string;
    populations: readonly string[];
    problems: readonly string[];
    key_figures: readonly string[];
  };
}

export interface QueryPurpose {
  purpose: string;
  specTerms: readonly SpecTermField[];
}

/** The section's queries, first the purpose with the topic, then one per spec value; no duplicates. */
export function buildSectionQueries(section: QueryPurpose, spec: QuerySpec): string[] {
  const purpose = collapse(section.purpose);
  const queries = [collapse(`${spec.topic} ${purpose}`)];
  for (const field of section.specTerms) {
    for (const value of specValues(spec, field)) queries.push(collapse(`${value} ${purpose}`));
  }
  return [...new Set(queries)];
}

/** The values a spec gives for one field: none for an absent optional field or an empty list. */
export function specValues(spec: QuerySpec, field: SpecTermField): string[] {
  const value = field === "title" ? spec.title : spec.metadata[field];
  if (value === undefined) return [];
  const values = typeof value === "string" ? [value] : [...value];
  return values.map(collapse).filter((text) => text !== "");
}

/**
 * The queries as one line of distinct words, in first-seen order: the form a single bag-of-words
 * consumer (the extractive provider's sentence scoring) takes them in.
 */
export function joinQueries(queries: readonly string[]): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of queries.join(" ").split(/\s+/)) {
    const key = word.toLowerCase();
    if (word === "" || seen.has(key)) continue;
    seen.add(key);
    words.push(word);
  }
  return words.join(" ");
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
