import type { StoredArticle } from "../store/load-article.ts";
import type { VerdictInput } from "../store/sections.ts";
import { buildArticleView, WORDS_PER_MINUTE, type RenderOptions, type ViewBlock } from "./build-article-view.ts";
import { computeEvidenceBasis, describeEvidenceBasis, type EvidenceBasis } from "./evidence-basis.ts";
import type { ViewClaim } from "./view-claim.ts";

// article.json: the claim-level article with its provenance, described by docs/article.schema.json.
// A pure function of stored rows and decisions, so re-rendering an old version gives the same bytes.
// It shows the same sentences as index.html and index.md (publish mode applies decisions here too),
// and adds what a program needs: verdicts, quote offsets into the snapshot text, hashes.

export const ARTICLE_JSON_FORMAT = "wikigen-article/1";

const REVIEW_MODE: RenderOptions = { mode: "review", decisions: new Map() };

function verdictJson(verdict: VerdictInput | null): unknown {
  if (!verdict) return null;
  return {
    verdict: verdict.verdict,
    score: verdict.score,
    reason: verdict.reason,
    flagged: verdict.is_flagged === 1,
    evidence: verdict.evidence_start === null ? null : { start: verdict.evidence_start, end: verdict.evidence_end, text: verdict.evidence_text },
    verifier: { id: verdict.verifier_id, version: verdict.verifier_version },
    created_at: verdict.created_at,
  };
}

function claimJson(claim: ViewClaim): unknown {
  const review = claim.decision;
  return {
    index: claim.index,
    text: claim.text,
    basis: claim.basis,
    elaborated: claim.elaborated,
    claim_key: claim.key,
    citations: claim.citations.map(({ source, quote, textSha256, verdict }) => ({
      source,
      quote,
      snapshot_text_sha256: textSha256,
      quote_status: verdict?.quote_status ?? null,
      start: verdict?.quote_start ?? null,
      end: verdict?.quote_end ?? null,
      similarity: verdict?.quote_similarity ?? null,
      verdict: verdictJson(verdict),
    })),
    verdict: verdictJson(claim.verdict),
    flag: claim.flag ? { label: claim.flag.label, reason: claim.flag.reason } : null,
    review: review ? { decision: review.decision, reviewer: review.reviewer, decided_at: review.decided_at, note: review.note } : null,
  };
}

/** What the article rests on: the evidence line of the metadata box (evidence-basis.ts). */
function evidenceJson(basis: EvidenceBasis): unknown {
  return {
    cited_sources: basis.citedSources,
    listed_sources: basis.listedSources,
    tiers: basis.tiers,
    sentences: basis.sentences,
    shares_percent: basis.shares,
    line: describeEvidenceBasis(basis),
  };
}

function blockJson(block: ViewBlock): unknown {
  return { index: block.index, kind: block.kind, claims: block.claims.map(claimJson) };
}

export function renderArticleJson(article: StoredArticle, options: RenderOptions = REVIEW_MODE): string {
  const { version } = article;
  const view = buildArticleView(article, options);
  const shown = view.sections.flatMap((section) => section.blocks.flatMap((block) => block.claims));
  const flagsByReason: Record<string, number> = {};
  for (const claim of shown) {
    if (!claim.flag) continue;
    const reason = (claim.verdict?.reason ?? "unknown").split(":")[0] ?? "unknown";
    flagsByReason[reason] = (flagsByReason[reason] ?? 0) + 1;
  }
  const sum = (key: "input_tokens" | "output_tokens" | "cache_write_tokens" | "cache_read_tokens" | "cost_usd") =>
    article.sections.reduce((total, section) => total + section[key], 0);
  const storedSections = new Map(article.sections.map((section) => [section.section_id, section]));
  const document = {
    format: ARTICLE_JSON_FORMAT,
    mode: view.mode,
    slug: version.slug,
    title: version.title,
    topic: view.topic,
    version: version.version,
    status: version.status,
    metadata: view.metadata,
    breadcrumb: view.breadcrumb,
    watch: view.watch,
    resources: view.resources,
    provenance: {
      run_id: version.run_id,
      started_at: version.started_at,
      generated_at: version.finished_at,
      pipeline_version: version.pipeline_version,
      spec: { file: version.spec_file, version: version.spec_version, hash: version.spec_hash },
      template: { id: version.template_id, version: version.template_version, hash: version.template_hash },
      system_prompt: { version: version.system_prompt_version, hash: version.system_prompt_hash },
      provider: version.provider,
      model_requested: version.model_requested,
      model_reported: version.model_reported,
      api_version: version.api_version,
      sdk_version: version.sdk_version,
      effort: version.effort,
      verifier: { id: version.verifier_id, version: version.verifier_version },
      usage: {
        input_tokens: sum("input_tokens"),
        output_tokens: sum("output_tokens"),
        cache_write_tokens: sum("cache_write_tokens"),
        cache_read_tokens: sum("cache_read_tokens"),
      },
      cost_usd: Math.round(sum("cost_usd") * 1e6) / 1e6,
    },
    reading: { words: view.words, words_per_minute: WORDS_PER_MINUTE, minutes: view.readMinutes },
    // url and error as the view shows them: a local file by its path relative to the spec.
    sources: article.sources.map((source, index) => ({
      number: source.source_number,
      url: view.sources[index]?.url ?? source.url,
      title: source.title,
      tier: source.tier,
      snapshot: source.raw_sha256
        ? {
            raw_sha256: source.raw_sha256,
            text_sha256: source.text_sha256,
            extractor: { id: source.extractor_id, version: source.extractor_version },
            fetched_at: source.fetched_at,
          }
        : null,
      error: view.sources[index]?.error ?? source.error,
    })),
    sections: view.sections.map((section) => {
      const stored = storedSections.get(section.id);
      return {
        id: section.id,
        position: section.position,
        title: section.title,
        status: section.status,
        error: stored?.error ?? null,
        placeholder: section.placeholder,
        prompt: { id: section.id, version: stored?.prompt_version ?? null, hash: stored?.prompt_hash ?? null },
        model_reported: stored?.model_reported ?? null,
        attempts: stored?.attempts ?? 0,
        usage: {
          input_tokens: stored?.input_tokens ?? 0,
          output_tokens: stored?.output_tokens ?? 0,
          cache_write_tokens: stored?.cache_write_tokens ?? 0,
          cache_read_tokens: stored?.cache_read_tokens ?? 0,
        },
        cost_usd: stored?.cost_usd ?? 0,
        request_ids: JSON.parse(stored?.request_ids ?? "[]") as string[],
        snapshot_hashes: JSON.parse(stored?.snapshot_hashes ?? "{}") as Record<string, string>,
        blocks: section.blocks.map(blockJson),
        figure: section.figure,
        template_note: section.templateNote,
      };
    }),
    summary: {
      claims: { source: view.counts.source, llm: view.counts.llm, example: view.counts.example },
      flagged: view.counts.flagged,
      undecided_flags: view.counts.undecided,
      removed_in_review: view.counts.removed,
      flags_by_reason: flagsByReason,
      evidence: evidenceJson(computeEvidenceBasis(view.sections, view.sources)),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
