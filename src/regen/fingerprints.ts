// What the regeneration plan compares: the fingerprints stored with an article's latest version and
// its sections, and today's (specs, prompts, configured provider/model/verifier, package version,
// snapshots). Plain data, so planning is a pure function and tests build both sides by hand.

export interface PromptFingerprint {
  id: string;
  version: number;
  /** sha256 of the prompt file's bytes: an edit without a version bump shows up here. */
  hash: string;
}

export interface VerifierFingerprint {
  id: string;
  version: string;
}

export interface StoredSectionFingerprint {
  /** sections.id of the stored row, carried or re-verified from. */
  rowId: number;
  sectionId: string;
  status: "done" | "failed" | "not_drafted";
  error: string | null;
  prompt: { version: number; hash: string };
  provider: string;
  /** The model requested when the section was drafted. */
  model: string;
  /** Verifiers of the section's current claim verdicts; empty when it has no sourced claims. */
  verifiers: VerifierFingerprint[];
  /** Source number -> text sha256 of each snapshot the section used (passages shown or cited). */
  snapshotHashes: Record<string, string>;
}

export interface StoredArticleFingerprint {
  slug: string;
  version: number;
  specVersion: number;
  specHash: string;
  template: PromptFingerprint;
  systemPrompt: { version: number; hash: string };
  pipelineVersion: string;
  sections: StoredSectionFingerprint[];
}

export interface CurrentSource {
  number: number;
  url: string;
  /** file: sources are re-read on every run, so their age never matters. */
  isLocal: boolean;
  /** Text sha256 of the snapshot a run would use now; null when the source cannot be read. */
  textSha256: string | null;
  /** When the snapshot was last confirmed from its origin (remote sources); null if never. */
  fetchedAt: string | null;
  error: string | null;
}

export interface CurrentArticle {
  slug: string;
  specVersion: number;
  specHash: string;
  template: PromptFingerprint;
  systemPrompt: PromptFingerprint;
  /** The template's sections, in order. */
  sections: PromptFingerprint[];
  sources: CurrentSource[];
}

export interface CurrentEnvironment {
  provider: string;
  model: string;
  verifier: VerifierFingerprint;
  pipelineVersion: string;
  /** fetch.max_age_days: a remote snapshot older than this is re-fetched before deciding. */
  maxAgeDays: number;
  now: Date;
}

export interface CurrentFingerprints {
  articles: CurrentArticle[];
  environment: CurrentEnvironment;
}

export type SectionAction = "keep" | "redraft" | "reverify" | "drop";

export interface SectionPlan {
  sectionId: string;
  action: SectionAction;
  reasons: string[];
  /** The stored row to carry or re-verify; null for a section the stored version lacks. */
  storedRowId: number | null;
  /** Sources this kept section used whose snapshot is due for a re-fetch: stale if the text changes. */
  awaitingRefetch: number[];
}

export interface RefetchPlan {
  source: number;
  url: string;
  reason: string;
  /** Kept sections that used it. */
  sections: string[];
}

export type ArticleStatus = "new" | "up_to_date" | "stale" | "refetch";

export interface ArticlePlan {
  slug: string;
  /** new: never generated; stale: sections to redraft, re-verify or drop; refetch: only sources to re-fetch first. */
  status: ArticleStatus;
  storedVersion: number | null;
  /** Article-wide changes (spec, pipeline, system prompt, template). */
  reasons: string[];
  refetch: RefetchPlan[];
  sections: SectionPlan[];
  /** Problems that change nothing by themselves, e.g. a prompt edited without a version bump. */
  warnings: string[];
  /** Facts that change nothing, e.g. a source a reader's approved revision added, carried though the spec does not list it. */
  notes?: string[];
}

export interface RegenPlan {
  articles: ArticlePlan[];
  /** Plan-wide problems, e.g. a stored article whose spec is gone. */
  warnings: string[];
}
