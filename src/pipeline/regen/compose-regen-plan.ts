import type { Config } from "../../config/config-schema.ts";
import type { TemplateSet } from "../../drafting/load-prompts.ts";
import type { ArticlePlan, CurrentEnvironment, RegenPlan, StoredArticleFingerprint, VerifierFingerprint } from "../../regen/fingerprints.ts";
import { gatherStoredFingerprints } from "../../regen/gather-stored-fingerprints.ts";
import { planRegeneration } from "../../regen/plan-regeneration.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";
import { listUnfinishedNewestVersions, type UnfinishedVersion } from "../../store/article-history.ts";
import type { Store } from "../../store/open-store.ts";
import { isRunProcessGone } from "../process/is-process-alive.ts";
import { loadTemplates } from "../wiring/load-templates.ts";
import { describeEnvironment, gatherCurrentArticle } from "./gather-current-fingerprints.ts";
import { withApprovedReaderSources, type SpecWithReaderSources } from "./reader-sources.ts";

// The one place the regeneration plan is composed: `plan`, `regen --dry-run` and `regen` all call
// this, so what a dry run promises is what a run does. It reads (prompts, local sources, the store)
// and writes nothing.

export interface ComposedPlan {
  plan: RegenPlan;
  /** The specs planned: as on disk, plus the sources approved reader revisions added (reader-sources.ts). */
  specs: ArticleSpec[];
  /** Each spec's template set, loaded once (a bad prompt stops here, before anything is written). */
  templates: Map<string, TemplateSet>;
  stored: StoredArticleFingerprint[];
  /** Today's provider, model, verifier, pipeline version and snapshot age limit. */
  environment: CurrentEnvironment;
}

export async function composeRegenPlan(args: {
  db: Store;
  config: Config;
  specs: readonly ArticleSpec[];
  runners: { provider: { id: string; model: string }; verifier: VerifierFingerprint };
  /** Offline, nothing can be re-fetched: a snapshot's age is then no reason to wait for one. */
  isOffline: boolean;
  /** Every stored article, so a spec that was deleted is reported; otherwise only the specs' own. */
  isEveryArticle: boolean;
  now: Date;
}): Promise<ComposedPlan> {
  const { db, config } = args;
  const merged = withApprovedReaderSources(db, args.specs);
  const specs = merged.map((entry) => entry.spec);
  const templates = await loadTemplates(config, specs);
  const current = await Promise.all(specs.map((spec) => gatherCurrentArticle({ db, config, spec, templates: templates.get(spec.template) as TemplateSet })));
  const described = describeEnvironment({ config, provider: args.runners.provider, verifier: args.runners.verifier, now: args.now });
  const environment = args.isOffline ? { ...described, maxAgeDays: Number.POSITIVE_INFINITY } : described;
  const slugs = args.isEveryArticle ? undefined : specs.map((spec) => spec.slug);
  const stored = gatherStoredFingerprints(db, slugs);
  const plan = planRegeneration(stored, { articles: current, environment });
  const unfinished = listUnfinishedNewestVersions(db, slugs);
  const articles = plan.articles.map((article) => noteReaderSources(warnPassedOver(article, unfinished), merged));
  return { plan: { ...plan, articles }, specs, templates, stored, environment };
}

/** Says which reader-added sources the plan carried or dropped. */
function noteReaderSources(article: ArticlePlan, merged: readonly SpecWithReaderSources[]): ArticlePlan {
  const entry = merged.find((candidate) => candidate.spec.slug === article.slug);
  if (!entry || (entry.notes.length === 0 && entry.warnings.length === 0)) return article;
  return { ...article, warnings: [...article.warnings, ...entry.warnings], ...(entry.notes.length > 0 ? { notes: entry.notes } : {}) };
}

/** Says which newer versions the plan passed over (a run left them half-written, or is writing them). */
function warnPassedOver(article: ArticlePlan, unfinished: readonly UnfinishedVersion[]): ArticlePlan {
  const against = article.storedVersion === null ? "planned as a new article" : `planned against v${article.storedVersion}`;
  const warnings = unfinished
    .filter((version) => version.slug === article.slug)
    .map((version) =>
      version.status === "interrupted" || isRunProcessGone(version.writer)
        ? `v${version.version} was left unfinished (interrupted): ${against}`
        : `v${version.version} is still being written (run ${version.writer.runId}): ${against}`,
    );
  return warnings.length === 0 ? article : { ...article, warnings: [...article.warnings, ...warnings] };
}
