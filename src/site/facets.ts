import type { SiteArticle } from "./site-article.ts";

// The facets a reader follows between articles: one page per value under facets/<facet>/, and an
// index page per facet. Values are compared as written (trimmed); file names are slugs of the value,
// made unique per facet in sorted order, so the same set of values always gives the same names.

export type FacetId = "type" | "subtype" | "discipline" | "populations" | "problems" | "key-figures";

export interface FacetDefinition {
  id: FacetId;
  /** Plural heading, e.g. "Key figures". */
  label: string;
  /** One value's label, e.g. "Key figure". */
  singular: string;
  values(article: SiteArticle): string[];
}

export const FACETS: readonly FacetDefinition[] = [
  { id: "type", label: "Types", singular: "Type", values: (article) => [article.type] },
  { id: "subtype", label: "Subtypes", singular: "Subtype", values: (article) => (article.subtype ? [article.subtype] : []) },
  { id: "discipline", label: "Disciplines", singular: "Discipline", values: (article) => article.discipline },
  { id: "populations", label: "Populations", singular: "Population", values: (article) => article.populations },
  { id: "problems", label: "Problems", singular: "Problem", values: (article) => article.problems },
  { id: "key-figures", label: "Key figures", singular: "Key figure", values: (article) => article.keyFigures },
];

export interface FacetValue {
  value: string;
  /** File name without extension, unique within the facet. */
  file: string;
  articles: SiteArticle[];
}

export interface FacetIndex {
  facet: FacetDefinition;
  values: FacetValue[];
}

/** Lower-case letters and digits joined by dashes; "value" when nothing is left. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "value";
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : a > b ? 1 : 0);
}

export function sortArticles(articles: readonly SiteArticle[]): SiteArticle[] {
  return [...articles].sort((a, b) => compareText(a.title, b.title) || compareText(a.slug, b.slug));
}

/** Every facet with its values (sorted), each value with its articles (sorted by title). */
export function indexFacets(articles: readonly SiteArticle[]): FacetIndex[] {
  return FACETS.map((facet) => {
    const byValue = new Map<string, SiteArticle[]>();
    for (const article of sortArticles(articles)) {
      for (const raw of new Set(facet.values(article).map((value) => value.trim()).filter((value) => value !== ""))) {
        byValue.set(raw, [...(byValue.get(raw) ?? []), article]);
      }
    }
    const used = new Set(["index"]);
    const values = [...byValue.keys()].sort(compareText).map((value): FacetValue => {
      const base = slugify(value);
      let file = base;
      for (let n = 2; used.has(file); n++) file = `${base}-${n}`;
      used.add(file);
      return { value, file, articles: byValue.get(value) ?? [] };
    });
    return { facet, values };
  });
}

/** Where a facet value's page is, from the site root; undefined for a value no article has. */
export function facetValuePath(index: readonly FacetIndex[], facet: FacetId, value: string): string | undefined {
  const entry = index.find((candidate) => candidate.facet.id === facet)?.values.find((candidate) => candidate.value === value.trim());
  return entry ? `facets/${facet}/${entry.file}.html` : undefined;
}

export function facetIndexPath(facet: FacetId): string {
  return `facets/${facet}/index.html`;
}

function normalizeName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * The other article a phrase names: its slug (as a slug of the phrase), its whole title, or the
 * part of its title before a colon ("Communities of Practice" names "Communities of Practice: A
 * Clinician's Guide"). Exact matches only: a phrase that merely mentions a word of a title names
 * nothing, so no link points somewhere a reader would not expect.
 */
export function findNamedArticle(phrase: string, articles: readonly SiteArticle[], self: string): SiteArticle | undefined {
  const name = normalizeName(phrase);
  if (name === "") return undefined;
  const slug = slugify(phrase);
  return sortArticles(articles).find((article) => {
    if (article.slug === self) return false;
    const title = normalizeName(article.title);
    const short = normalizeName(article.title.split(":")[0] ?? "");
    return article.slug === slug || title === name || short === name;
  });
}
