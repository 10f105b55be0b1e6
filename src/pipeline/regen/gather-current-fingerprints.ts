import type { Config } from "../../config/config-schema.ts";
import { SourceFetchError } from "../../domain/errors.ts";
import { PIPELINE_VERSION } from "../../domain/pipeline-version.ts";
import type { TemplateSet } from "../../drafting/load-prompts.ts";
import type { CurrentArticle, CurrentEnvironment, CurrentSource, VerifierFingerprint } from "../../regen/fingerprints.ts";
import { extractDocument, extractorFor } from "../../sources/extract-document.ts";
import { readFileUrl } from "../../sources/read-file-url.ts";
import { readSnapshotFile, sha256 } from "../../sources/snapshot-files.ts";
import type { ArticleSpec, ResolvedSource } from "../../spec/article-spec.ts";
import type { Store } from "../../store/open-store.ts";
import { findSnapshot, latestGoodFetch } from "../../store/snapshots.ts";
import { fetchLimitsFrom } from "../wiring/fetch-limits.ts";
import type { SourceResult } from "../generate/snapshot-spec-sources.ts";

// Today's fingerprints, gathered without writing anything: prompts as they are on disk, local source
// files read and extracted in memory, remote sources as their newest stored snapshot (whose age
// decides whether regen re-fetches them first).

export function describeEnvironment(args: { config: Config; provider: { id: string; model: string }; verifier: VerifierFingerprint; now: Date }): CurrentEnvironment {
  return {
    provider: args.provider.id,
    model: args.provider.model,
    verifier: { id: args.verifier.id, version: args.verifier.version },
    pipelineVersion: PIPELINE_VERSION,
    maxAgeDays: args.config.fetch.max_age_days,
    now: args.now,
  };
}

export async function gatherCurrentArticle(args: { db: Store; config: Config; spec: ArticleSpec; templates: TemplateSet }): Promise<CurrentArticle> {
  const sources = await Promise.all(args.spec.sources.map((source) => describeSource(args.db, args.config, source)));
  return buildCurrentArticle(args.spec, args.templates, sources);
}

/** Today's fingerprints from sources just snapshotted (regen re-plans an article with these). */
export function currentArticleFromSnapshots(spec: ArticleSpec, templates: TemplateSet, results: readonly SourceResult[]): CurrentArticle {
  return buildCurrentArticle(
    spec,
    templates,
    results.map(({ source, outcome }) => ({
      number: source.number,
      url: source.resolvedUrl,
      isLocal: isLocalUrl(source.resolvedUrl),
      textSha256: outcome.snapshot?.text_sha256 ?? null,
      fetchedAt: isLocalUrl(source.resolvedUrl) ? null : (outcome.fetchedAt ?? null),
      error: outcome.error?.message ?? null,
    })),
  );
}

function buildCurrentArticle(spec: ArticleSpec, templates: TemplateSet, sources: CurrentSource[]): CurrentArticle {
  return {
    slug: spec.slug,
    specVersion: spec.spec_version,
    specHash: spec.hash,
    template: { ...templates.template },
    systemPrompt: { id: templates.system.id, version: templates.system.version, hash: templates.system.hash },
    sections: templates.sections.map((section) => ({ id: section.id, version: section.version, hash: section.hash })),
    sources,
  };
}

async function describeSource(db: Store, config: Config, source: ResolvedSource): Promise<CurrentSource> {
  const base = { number: source.number, url: source.resolvedUrl };
  if (isLocalUrl(source.resolvedUrl)) {
    try {
      const page = await readFileUrl(new URL(source.resolvedUrl), fetchLimitsFrom(config));
      const extracted = await extractDocument({ bytes: page.body, contentType: page.contentType, url: page.finalUrl });
      return { ...base, isLocal: true, textSha256: sha256(extracted.text), fetchedAt: null, error: null };
    } catch (error) {
      if (!(error instanceof SourceFetchError)) throw error;
      return { ...base, isLocal: true, textSha256: null, fetchedAt: null, error: error.message };
    }
  }
  const fetched = latestGoodFetch(db, source.resolvedUrl);
  if (!fetched) return { ...base, isLocal: false, textSha256: null, fetchedAt: null, error: "not fetched yet" };
  const stored = fetched.snapshot;
  const extractor = extractorFor(stored.kind);
  // A newer extractor turns the same bytes into (possibly) different text: what a run would use now.
  const isCurrent = stored.extractor_id === extractor.id && stored.extractor_version === extractor.version;
  const current = isCurrent ? stored : findSnapshot(db, { rawSha256: stored.raw_sha256, extractorId: extractor.id, extractorVersion: extractor.version });
  if (current) return { ...base, isLocal: false, textSha256: current.text_sha256, fetchedAt: fetched.fetched_at, error: null };
  const raw = await readSnapshotFile(config.paths.sources, stored.raw_path);
  const extracted = await extractDocument({ bytes: raw, contentType: stored.content_type ?? undefined, url: fetched.final_url ?? fetched.url });
  return { ...base, isLocal: false, textSha256: sha256(extracted.text), fetchedAt: fetched.fetched_at, error: null };
}

function isLocalUrl(url: string): boolean {
  return url.startsWith("file:");
}
