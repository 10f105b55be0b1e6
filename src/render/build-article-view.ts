import { z } from "zod";
import type { StoredArticle, StoredClaim } from "../store/load-article.ts";
import type { ReviewRow } from "../store/reviews.ts";
import { FRAMING_BLOCK_KIND } from "../domain/section-answer.ts";
import { applyReviewDecision } from "./apply-review-decision.ts";
import { breadcrumbOf, storedPageLinksSchema, viewFigure, viewLinks, type Crumb, type ViewFigure, type ViewLink } from "./page-parts.ts";
import type { ViewClaim, ViewFlag } from "./view-claim.ts";

// What every rendering shows, computed once from stored rows: the HTML page, index.md and
// article.json all read this view, so the three cannot disagree about which sentences are shown,
// with which markers, flags and read time.

export type RenderMode = "review" | "publish";

export interface RenderOptions {
  mode: RenderMode;
  /** Newest reviewer decision per claim key (store/reviews.ts latestDecisions). */
  decisions: Map<string, ReviewRow>;
  /** Readers' approved revisions up to this version, credited as each reader chose (never by email). */
  readerCredits?: readonly ReaderCreditLine[];
  /** "omit": the page around the article draws its own breadcrumb (the static site's linked one). */
  breadcrumb?: "show" | "omit" | undefined;
}

export interface ReaderCreditLine {
  sectionTitle: string;
  version: number;
  /** The credit's words, or null when the reader asked for none. */
  creditedAs: string | null;
}

/** Read time is the displayed sentences' word count at this speed, rounded up to whole minutes. */
export const WORDS_PER_MINUTE = 200;

export interface ViewBlock {
  index: number;
  kind: string;
  claims: ViewClaim[];
}

export interface ViewSection {
  id: string;
  title: string;
  position: number;
  /** no_source_material: not drafted because the model found nothing in the sources for it. */
  status: "done" | "failed" | "not_drafted" | "no_source_material";
  /** Shown instead of blocks when the section has nothing to show. */
  placeholder: string | null;
  blocks: ViewBlock[];
  /** The concept figure the section's answer carried (page-parts.ts). */
  figure: ViewFigure | null;
  /** The template's framing sentence, shown when the model's own framing line is not. */
  templateNote: string | null;
}

export interface ViewSource {
  number: number;
  title: string;
  /** The URL; for a local file, its path as the spec names it (never the machine's absolute path). */
  url: string;
  /** The URL when its scheme is safe to link (http, https); null otherwise, and for local files. */
  href: string | null;
  tier: string;
  error: string | null;
}

const storedSpecSchema = z.object({
  topic: z.string().default(""),
  metadata: z.object({
    type: z.string(),
    subtype: z.string().optional(),
    discipline: z.array(z.string()).default([]),
    evidence_status: z.string(),
    populations: z.array(z.string()).default([]),
    problems: z.array(z.string()).default([]),
    key_figures: z.array(z.string()).default([]),
  }),
  // The URLs as the spec wrote them (relative file: paths among them); a stored spec without them
  // still renders.
  sources: z.array(z.object({ number: z.number(), url: z.string() })).catch([]),
}).extend(storedPageLinksSchema.shape);

export type ViewMetadata = z.infer<typeof storedSpecSchema>["metadata"];

export interface ArticleView {
  mode: RenderMode;
  slug: string;
  title: string;
  topic: string;
  version: number;
  /** Null when the stored spec predates the metadata fields (the box is then left out). */
  metadata: ViewMetadata | null;
  /** Type › primary discipline › subtype; empty without metadata. */
  breadcrumb: Crumb[];
  /** The spec's Watch entry (one or more) and Resources links. */
  watch: ViewLink[];
  resources: ViewLink[];
  sections: ViewSection[];
  sources: ViewSource[];
  provenance: ViewProvenance;
  words: number;
  readMinutes: number;
  counts: { source: number; llm: number; example: number; flagged: number; undecided: number; removed: number };
}

export interface ViewProvenance {
  provider: string;
  modelRequested: string;
  /** The model id the API said it used; null when no call reported one. */
  modelReported: string | null;
  /** Drafted without any model or API call: the "model" is the offline provider's own version id. */
  isOffline: boolean;
  /** ISO timestamp: when the version finished, else when it started. */
  generatedAt: string;
  pipelineVersion: string;
  verifier: string;
  specVersion: number;
  status: string;
}

/** Providers that call no API (the extractive provider quotes source sentences), so nothing "reports" a model. */
const OFFLINE_PROVIDERS = new Set(["extractive"]);

/** The footer's note on the model line of an offline article, the same in HTML and Markdown. */
export const OFFLINE_MODEL_NOTE = "offline extractive provider: source sentences quoted as written; no language model, no API call";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Flagged by the verifier (a sourced claim) or by the evidence policy (any claim; see verify-section-claims.ts). */
export function isFlagged(claim: StoredClaim): boolean {
  return claim.verdict?.is_flagged === 1;
}

/**
 * Flagged claims whose key has no decision: what stands between an article and publishing. The same
 * rule as the review queue (store/flags.ts), so every flag that blocks publishing is in the queue.
 */
export function countUndecidedFlags(article: StoredArticle, decisions: Map<string, ReviewRow>): number {
  return article.sections.flatMap((section) => section.claims).filter((claim) => isFlagged(claim) && !decisions.has(claim.claim_key)).length;
}

const VERDICT_LABELS: Record<string, string> = {
  not_supported: "Not supported by the cited source",
  partially_supported: "Only partly supported by the cited source",
  unverifiable: "Unverifiable: the cited source is not available",
  supported: "Supported, but a quote was not found in its source",
};

// The evidence policy's rules (issue 15), labelled when a claim's reason starts with one.
const POLICY_LABELS: Record<string, string> = {
  unsourced_clinical_fact: "A clinical fact no source backs",
  policy_violation: "Not a kind of sentence this section accepts",
};

function flagOf(claim: StoredClaim): ViewFlag {
  const missing = claim.citations.filter((citation) => citation.verdict?.quote_status === "not_found").map((citation) => citation.source_number);
  const verdict = claim.verdict?.verdict ?? "unverifiable";
  const storedReason = claim.verdict?.reason ?? "no reason stored";
  const policyLabel = POLICY_LABELS[/^[a-z_]+/.exec(storedReason)?.[0] ?? ""];
  const label = policyLabel ?? (missing.length > 0 && verdict !== "unverifiable" ? `Quote not found in source ${missing.join(", ")}` : (VERDICT_LABELS[verdict] ?? verdict));
  // Reasons are machine strings such as "missing_terms: outcomes", several joined by "; "; only their
  // key parts have underscores.
  const reason = storedReason.replace(/(^|; )([a-z_]+)(?=:|;|$)/g, (_match, lead: string, key: string) => `${lead}${key.replace(/_/g, " ")}`);
  // "Quote not found in source 2 (quote not found)" says nothing twice.
  return { label, reason: label.toLowerCase().includes(reason.toLowerCase()) ? "" : reason };
}

/** The claim as shown, or null when publish mode removes it. */
function viewClaim(claim: StoredClaim, options: RenderOptions): ViewClaim | null {
  const decision = options.decisions.get(claim.claim_key) ?? null;
  const drafted: ViewClaim = {
    id: claim.id,
    key: claim.claim_key,
    index: claim.claim_index,
    text: claim.text,
    basis: claim.basis,
    elaborated: claim.basis === "source" && claim.elaborated === 1,
    citations: claim.citations.map((citation) => ({ source: citation.source_number, quote: citation.quote, textSha256: citation.text_sha256, verdict: citation.verdict })),
    verdict: claim.verdict,
    flag: isFlagged(claim) ? flagOf(claim) : null,
    decision,
  };
  if (options.mode === "review" || !decision) return drafted;
  const result = applyReviewDecision(drafted, decision);
  if (result.kind === "removed") return null;
  return result.kind === "applied" ? result.claim : drafted;
}

function placeholderOf(section: StoredArticle["sections"][number], hasRemovedAll: boolean): string | null {
  const detail = section.error?.trim() ?? "";
  if (section.status === "not_drafted" && section.not_drafted_reason === "no_source_material") {
    const reason = detail.replace(/^no source material:?\s*/i, "");
    const said = reason ? ` The model's reason: ${/[.!?]$/.test(reason) ? reason : `${reason}.`}` : "";
    return `No source material: the article's sources hold nothing for this section, so nothing was written rather than invented.${said}`;
  }
  if (section.status === "not_drafted") {
    const rest = detail.replace(/^not drafted offline:?\s*/i, "");
    return `Not drafted offline: ${rest || "this section needs a model."}`;
  }
  if (section.status === "failed") return `This section failed to generate: ${detail || "no error was stored."}`;
  if (hasRemovedAll) return "Every sentence of this section was removed in review.";
  return null;
}

function safeHref(url: string): string | null {
  try {
    return ["http:", "https:"].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

/**
 * A local source as a published page may name it: the path relative to the spec, as the spec wrote
 * it, or (written as an absolute file: URL) just its file name. The stored URL is absolute, and a
 * page that printed it would publish the author's home folder.
 */
function localSourceName(storedUrl: string, written: string | undefined): string {
  const rest = written?.startsWith("file:") ? written.slice("file:".length) : "";
  if (rest !== "" && !rest.startsWith("/") && !rest.startsWith("\\")) return written as string;
  let name: string;
  try {
    name = decodeURIComponent(new URL(storedUrl).pathname.split("/").pop() ?? "");
  } catch {
    name = storedUrl.split(/[/\\]/).pop() ?? "";
  }
  return `file:${name}`;
}

/** A failed local source's error, with its absolute URL and path replaced by the name shown, and other absolute paths elided. */
function scrubLocalPaths(error: string, storedUrl: string, shown: string): string {
  let path = "";
  try {
    path = decodeURIComponent(new URL(storedUrl).pathname);
  } catch {
    // An unparsable stored URL: only the URL itself is replaced.
  }
  // A NUL stands in for the name while the rest is scrubbed: the name itself may contain the path.
  let scrubbed = error.split(storedUrl).join("\u0000");
  if (path !== "") scrubbed = scrubbed.split(path).join("\u0000");
  return scrubbed
    .replace(/file:\/\/\/[^\s,;)]*/g, "file:…")
    .replace(/(^|[\s(])\/[^\s,;)]+/g, "$1…")
    .split("\u0000")
    .join(shown);
}

function viewSource(source: StoredArticle["sources"][number], written: Map<number, string>): ViewSource {
  const isLocal = source.url.startsWith("file:");
  const url = isLocal ? localSourceName(source.url, written.get(source.source_number)) : source.url;
  return {
    number: source.source_number,
    title: source.title,
    url,
    href: safeHref(source.url),
    tier: source.tier,
    error: source.error !== null && isLocal ? scrubLocalPaths(source.error, source.url, url) : source.error,
  };
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function buildArticleView(article: StoredArticle, options: RenderOptions): ArticleView {
  const counts = { source: 0, llm: 0, example: 0, flagged: 0, undecided: 0, removed: 0 };
  const sections = article.sections.map((section): ViewSection => {
    const blocks: ViewBlock[] = [];
    let removed = 0;
    for (const stored of section.claims) {
      const claim = viewClaim(stored, options);
      if (isFlagged(stored) && !options.decisions.has(stored.claim_key)) counts.undecided++;
      if (!claim) {
        removed++;
        continue;
      }
      counts[claim.basis]++;
      if (claim.flag) counts.flagged++;
      const last = blocks[blocks.length - 1];
      if (last && last.index === stored.block_index) last.claims.push(claim);
      else blocks.push({ index: stored.block_index, kind: stored.block_kind, claims: [claim] });
    }
    counts.removed += removed;
    const placeholder = placeholderOf(section, section.status === "done" && blocks.length === 0 && removed > 0);
    return {
      id: section.section_id,
      title: section.title,
      position: section.position,
      status: section.status === "not_drafted" && section.not_drafted_reason === "no_source_material" ? "no_source_material" : section.status,
      placeholder: placeholder ?? (blocks.length === 0 ? "No content was drafted for this section." : null),
      blocks,
      figure: viewFigure(section.figure, OFFLINE_PROVIDERS.has(section.provider)),
      templateNote: blocks.some((block) => block.kind === FRAMING_BLOCK_KIND) ? null : (section.template_note ?? null),
    };
  });
  const parsedSpec = storedSpecSchema.safeParse(parseJson(article.version.spec_json));
  const writtenUrls = new Map(parsedSpec.success ? parsedSpec.data.sources.map((source) => [source.number, source.url]) : []);
  const words = sections.reduce(
    (total, section) => total + section.blocks.reduce((sum, block) => sum + block.claims.reduce((n, claim) => n + countWords(claim.text), 0), 0),
    0,
  );
  return {
    mode: options.mode,
    slug: article.version.slug,
    title: article.version.title,
    topic: parsedSpec.success ? parsedSpec.data.topic : "",
    version: article.version.version,
    metadata: parsedSpec.success ? parsedSpec.data.metadata : null,
    breadcrumb: breadcrumbOf(parsedSpec.success ? parsedSpec.data.metadata : null),
    watch: viewLinks(parsedSpec.success ? parsedSpec.data.watch : undefined),
    resources: viewLinks(parsedSpec.success ? parsedSpec.data.resources : undefined),
    sections,
    provenance: {
      provider: article.version.provider,
      modelRequested: article.version.model_requested,
      modelReported: article.version.model_reported,
      isOffline: OFFLINE_PROVIDERS.has(article.version.provider),
      generatedAt: article.version.finished_at ?? article.version.started_at,
      pipelineVersion: article.version.pipeline_version,
      verifier: `${article.version.verifier_id} ${article.version.verifier_version}`,
      specVersion: article.version.spec_version,
      status: article.version.status,
    },
    sources: article.sources.map((source) => viewSource(source, writtenUrls)),
    words,
    readMinutes: Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)),
    counts,
  };
}

/** Citations merged per source number, in first-cited order, for one marker per source. */
export function citationsBySource(claim: ViewClaim): { source: number; quotes: string[] }[] {
  const merged = new Map<number, string[]>();
  for (const citation of claim.citations) merged.set(citation.source, [...(merged.get(citation.source) ?? []), citation.quote]);
  return [...merged].map(([source, quotes]) => ({ source, quotes }));
}
