import { describe, expect, it } from "vitest";
import { facetValuePath, findNamedArticle, indexFacets, slugify } from "./facets.ts";
import type { SiteArticle } from "./site-article.ts";

function article(slug: string, title: string, extra: Partial<SiteArticle> = {}): SiteArticle {
  return {
    slug,
    title,
    type: "Theory",
    subtype: null,
    discipline: [],
    populations: [],
    problems: [],
    keyFigures: [],
    keyTerms: [],
    summary: "",
    mainHtml: "<main></main>",
    footerHtml: "",
    version: 1,
    updatedAt: "2026-01-01T00:00:00.000Z",
    publishedAt: "2026-01-01T00:00:00.000Z",
    undecidedFlags: 0,
    history: [],
    ...extra,
  };
}

describe("slugify", () => {
  it.each([
    ["Clinical supervision and training", "clinical-supervision-and-training"],
    ["Émile Durkheim", "emile-durkheim"],
    ["C++ & R", "c-r"],
    ["***", "value"],
  ])("%s -> %s", (text, slug) => expect(slugify(text)).toBe(slug));
});

describe("indexFacets", () => {
  it("gives each distinct value its own file name, never 'index', and lists its articles by title", () => {
    const articles = [
      article("b", "Beta", { problems: ["C++", "C", "Index"], discipline: ["Nursing"] }),
      article("a", "Alpha", { problems: ["C", " C "], discipline: ["Nursing"] }),
    ];
    const index = indexFacets(articles);
    const problems = index.find((entry) => entry.facet.id === "problems")?.values ?? [];
    expect(problems.map((value) => [value.value, value.file, value.articles.map((entry) => entry.slug)])).toEqual([
      ["C", "c", ["a", "b"]],
      ["C++", "c-2", ["b"]],
      ["Index", "index-2", ["b"]],
    ]);
    expect(facetValuePath(index, "discipline", "Nursing")).toBe("facets/discipline/nursing.html");
    expect(facetValuePath(index, "discipline", "Unknown")).toBeUndefined();
  });
});

describe("findNamedArticle", () => {
  const articles = [
    article("communities-of-practice", "Communities of Practice: A Clinician's Guide"),
    article("motivational-interviewing", "Motivational Interviewing"),
    article("jean-lave", "Jean Lave"),
  ];
  it.each([
    ["Communities of practice", "communities-of-practice"],
    ["Motivational interviewing", "motivational-interviewing"],
    ["motivational-interviewing", "motivational-interviewing"],
    ["Jean Lave", "jean-lave"],
    ["Lave", undefined],
    ["Practice", undefined],
    ["", undefined],
  ])("%s names %s", (phrase, slug) => expect(findNamedArticle(phrase, articles, "other")?.slug).toBe(slug));

  it("never names the article itself", () => {
    expect(findNamedArticle("Jean Lave", articles, "jean-lave")).toBeUndefined();
  });
});
