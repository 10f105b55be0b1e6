import type { StoredArticle, StoredClaim, StoredVerdict } from "../store/load-article.ts";

// article.json: the claim-level article with its provenance. A pure function of stored rows, so
// re-rendering an old version gives the same bytes.

export const ARTICLE_JSON_FORMAT = "wikigen-article/1";

function verdictJson(verdict: StoredVerdict | null): unknown {
  if (!verdict) return null;
  return {
    verdict: verdict.verdict,
    score: verdict.score,
    reason: verdict.reason,
    flagged: verdict.is_flagged === 1,
    evidence: verdict.evidence_start === null ? null : { start: verdict.evidence_start, end: verdict.evidence_end, text: verdict.evidence_text },
    verifier: { id: verdict.verifier_id, version: verdict.verifier_version },
  };
}

function claimJson(claim: StoredClaim): unknown {
  return {
    text: claim.text,
    basis: claim.basis,
    claim_key: claim.claim_key,
    citations: claim.citations.map((citation) => ({
      source: citation.source_number,
      quote: citation.quote,
      snapshot_text_sha256: citation.text_sha256,
      quote_status: citation.verdict?.quote_status ?? null,
      start: citation.verdict?.quote_start ?? null,
      end: citation.verdict?.quote_end ?? null,
      similarity: citation.verdict?.quote_similarity ?? null,
      verdict: verdictJson(citation.verdict),
    })),
    verdict: verdictJson(claim.verdict),
  };
}

export function renderArticleJson(article: StoredArticle): string {
  const { version } = article;
  const spec = JSON.parse(version.spec_json) as { metadata: unknown; topic: string };
  const allClaims = article.sections.flatMap((section) => section.claims);
  const flagged = allClaims.filter((claim) => claim.verdict?.is_flagged === 1);
  const flagsByReason: Record<string, number> = {};
  for (const claim of flagged) {
    const reason = (claim.verdict?.reason ?? "unknown").split(":")[0] ?? "unknown";
    flagsByReason[reason] = (flagsByReason[reason] ?? 0) + 1;
  }
  const sum = (key: "input_tokens" | "output_tokens" | "cache_write_tokens" | "cache_read_tokens" | "cost_usd") =>
    article.sections.reduce((total, section) => total + section[key], 0);
  const document = {
    format: ARTICLE_JSON_FORMAT,
    slug: version.slug,
    title: version.title,
    topic: spec.topic,
    version: version.version,
    status: version.status,
    metadata: spec.metadata,
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
    sources: article.sources.map((source) => ({
      number: source.source_number,
      url: source.url,
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
      error: source.error,
    })),
    sections: article.sections.map((section) => ({
      id: section.section_id,
      title: section.title,
      status: section.status,
      error: section.error,
      prompt: { id: section.section_id, version: section.prompt_version, hash: section.prompt_hash },
      model_reported: section.model_reported,
      attempts: section.attempts,
      usage: {
        input_tokens: section.input_tokens,
        output_tokens: section.output_tokens,
        cache_write_tokens: section.cache_write_tokens,
        cache_read_tokens: section.cache_read_tokens,
      },
      cost_usd: section.cost_usd,
      request_ids: JSON.parse(section.request_ids) as string[],
      snapshot_hashes: JSON.parse(section.snapshot_hashes) as Record<string, string>,
      blocks: groupBlocks(section.claims),
    })),
    summary: {
      claims: {
        source: allClaims.filter((claim) => claim.basis === "source").length,
        llm: allClaims.filter((claim) => claim.basis === "llm").length,
        example: allClaims.filter((claim) => claim.basis === "example").length,
      },
      flagged: flagged.length,
      flags_by_reason: flagsByReason,
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function groupBlocks(claims: StoredClaim[]): { kind: string; claims: unknown[] }[] {
  const blocks: { index: number; kind: string; claims: unknown[] }[] = [];
  for (const claim of claims) {
    const last = blocks[blocks.length - 1];
    if (last && last.index === claim.block_index) last.claims.push(claimJson(claim));
    else blocks.push({ index: claim.block_index, kind: claim.block_kind, claims: [claimJson(claim)] });
  }
  return blocks.map(({ kind, claims: blockClaims }) => ({ kind, claims: blockClaims }));
}
