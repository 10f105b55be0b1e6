import {
  changedSources,
  compareArticleFacts,
  compareSectionFacts,
  describeTemplateChange,
  sourceChangedReason,
  verifierChange,
} from "./compare-fingerprints.ts";
import type {
  ArticlePlan,
  CurrentArticle,
  CurrentEnvironment,
  CurrentFingerprints,
  RefetchPlan,
  RegenPlan,
  SectionPlan,
  StoredArticleFingerprint,
} from "./fingerprints.ts";

const DAY_MS = 86_400_000;

/**
 * What is stale and why, per article and section: stored fingerprints against today's. Pure: reads
 * nothing, writes nothing, and the same inputs always give the same plan.
 *
 * A section is redrafted when its own prompt version, the provider or model, or the text of a source
 * it used changed, or when an article-wide fingerprint did (spec, pipeline, system prompt); it is
 * re-verified without a redraft when only the verifier changed; otherwise it is kept. A remote
 * snapshot older than the max age is listed for re-fetch: whether its sections are stale is only known
 * once the new text is in, so they stay "keep" with the source in awaitingRefetch.
 */
export function planRegeneration(stored: readonly StoredArticleFingerprint[], current: CurrentFingerprints): RegenPlan {
  const bySlug = new Map(stored.map((article) => [article.slug, article]));
  const known = new Set(current.articles.map((article) => article.slug));
  return {
    articles: current.articles.map((article) => planArticle(bySlug.get(article.slug), article, current.environment)),
    warnings: stored
      .filter((article) => !known.has(article.slug))
      .map((article) => `stored article ${article.slug} (v${article.version}) has no spec: not regenerated`),
  };
}

export function planArticle(stored: StoredArticleFingerprint | undefined, current: CurrentArticle, environment: CurrentEnvironment): ArticlePlan {
  if (!stored) {
    return {
      slug: current.slug,
      status: "new",
      storedVersion: null,
      reasons: ["new article: never generated"],
      refetch: [],
      sections: current.sections.map((prompt) => ({ sectionId: prompt.id, action: "redraft", reasons: ["new article"], storedRowId: null, awaitingRefetch: [] })),
      warnings: [],
    };
  }

  const warnings = current.sources.flatMap((source) =>
    source.textSha256 === null ? [`source ${source.number} cannot be read (${source.error ?? "no snapshot"}): sections drafted from its last snapshot are kept`] : [],
  );
  const article = compareArticleFacts(stored, { ...current, pipelineVersion: environment.pipelineVersion });
  warnings.push(...article.warnings);
  const templateChange = describeTemplateChange(stored.template, current.template);
  const currentHashes = new Map(current.sources.map((source) => [source.number, source.textSha256]));
  const dueForRefetch = new Map(
    current.sources.flatMap((source) =>
      isDueForRefetch(source, environment) ? [[source.number, `source ${source.number} snapshot older than ${environment.maxAgeDays} days: re-fetch`] as const] : [],
    ),
  );
  const storedById = new Map(stored.sections.map((section) => [section.sectionId, section]));

  const sections: SectionPlan[] = current.sections.map((prompt) => {
    const section = storedById.get(prompt.id);
    if (!section) {
      return { sectionId: prompt.id, action: "redraft", reasons: [...article.reasons, `section ${prompt.id} not in v${stored.version}`], storedRowId: null, awaitingRefetch: [] };
    }
    const reasons = [...article.reasons];
    if (section.status === "failed") reasons.push(`v${stored.version} draft failed`);
    const own = compareSectionFacts(
      { sectionId: section.sectionId, prompt: section.prompt, provider: section.provider, model: section.model },
      { sectionId: prompt.id, prompt, provider: environment.provider, model: environment.model },
    );
    reasons.push(...own.reasons, ...changedSources(section.snapshotHashes, currentHashes).map(sourceChangedReason));
    warnings.push(...own.warnings);
    if (reasons.length > 0) return { sectionId: prompt.id, action: "redraft", reasons, storedRowId: section.rowId, awaitingRefetch: [] };
    const awaitingRefetch = Object.keys(section.snapshotHashes)
      .map(Number)
      .filter((number) => dueForRefetch.has(number))
      .sort((a, b) => a - b);
    const verifier = verifierChange(section.verifiers, environment.verifier);
    if (verifier) return { sectionId: prompt.id, action: "reverify", reasons: [verifier], storedRowId: section.rowId, awaitingRefetch };
    return { sectionId: prompt.id, action: "keep", reasons: [], storedRowId: section.rowId, awaitingRefetch };
  });

  const templateIds = new Set(current.sections.map((prompt) => prompt.id));
  for (const section of stored.sections) {
    if (templateIds.has(section.sectionId)) continue;
    sections.push({ sectionId: section.sectionId, action: "drop", reasons: [`section ${section.sectionId} no longer in template ${current.template.id}`], storedRowId: section.rowId, awaitingRefetch: [] });
  }

  const refetch: RefetchPlan[] = [...dueForRefetch].flatMap(([number, reason]) => {
    const waiting = sections.filter((section) => section.awaitingRefetch.includes(number)).map((section) => section.sectionId);
    const source = current.sources.find((candidate) => candidate.number === number);
    return waiting.length > 0 && source ? [{ source: number, url: source.url, reason, sections: waiting }] : [];
  });
  const isStale = templateChange !== null || sections.some((section) => section.action !== "keep");
  return {
    slug: current.slug,
    status: isStale ? "stale" : refetch.length > 0 ? "refetch" : "up_to_date",
    storedVersion: stored.version,
    reasons: [...article.reasons, ...(templateChange ? [templateChange] : [])],
    refetch,
    sections,
    warnings: [...new Set(warnings)],
  };
}

function isDueForRefetch(source: CurrentArticle["sources"][number], environment: CurrentEnvironment): boolean {
  if (source.isLocal || source.textSha256 === null || source.fetchedAt === null) return false;
  return environment.now.getTime() - Date.parse(source.fetchedAt) > environment.maxAgeDays * DAY_MS;
}
