import type { z } from "zod";
import type { BlockKind } from "../domain/claims.ts";
import type { Passage } from "../domain/passage.ts";

// The one small contract every model provider implements. A request carries both the rendered
// prompt (for a real model) and the structured material it was rendered from (for the offline
// extractive provider, which selects source sentences instead of calling a model).

export interface PromptBlock {
  text: string;
  /** Marks the end of a prefix shared by many requests (an article's sources): cache it. */
  isCacheBreakpoint?: boolean;
}

/** Orders of a section's sentences when drafted offline (prompt front matter `extractive_order`). */
export const EXTRACTIVE_ORDERS = ["definition-first", "chronological", "subject-first"] as const;
export type ExtractiveOrder = (typeof EXTRACTIVE_ORDERS)[number];
/** Shapes of a section's claims when drafted offline (`extractive_form`): sentences, or "term: definition" entries. */
export const EXTRACTIVE_FORMS = ["sentences", "term-definition"] as const;
export type ExtractiveForm = (typeof EXTRACTIVE_FORMS)[number];

export interface DraftTask {
  kind: "draft_section";
  sectionId: string;
  /** Block kinds the section's template allows. */
  blockKinds: BlockKind[];
  /** The section's retrieval queries (topic and spec terms with its purpose) as one line of distinct words. */
  query: string;
  passages: Passage[];
  sourceNumbers: number[];
  /**
   * The article's shared passages and the queries of its other sections. The extractive provider
   * gives each source sentence to the one section it fits best, so no sentence is quoted twice in
   * an article; a model provider sees the same material in the rendered prompt.
   */
  articlePassages?: Passage[] | undefined;
  otherSectionQueries?: string[] | undefined;
  /** Set where the section's answer may carry a concept figure; the hub is the topic's short title. */
  figure?: { hub: string } | undefined;
  /** The section's offline order and form (absent: definition-first sentences). */
  order?: ExtractiveOrder | undefined;
  form?: ExtractiveForm | undefined;
  /** The article's subject (its title before any colon): its own definition is no glossary entry. */
  subject?: string | undefined;
  /** What the article's other sections do with sentences, by their queries (see OtherSectionRoles). */
  otherSectionRoles?: OtherSectionRoles | undefined;
}

/** Queries (among DraftTask.otherSectionQueries) of the other sections that own sentences by rule, not by relevance. */
export interface OtherSectionRoles {
  /** Sections of form "term-definition": they own the article's term definitions and compete for nothing else. */
  glossary: string[];
  /** Sections of order "subject-first": they own the sentences that define the article's subject. */
  subjectFirst: string[];
  /** Sections of order "chronological": a sentence naming a year fits them better than its words alone say. */
  chronological: string[];
  /** Sections this provider does not write (questions, objectives): they own nothing. */
  idle: string[];
}

export interface JudgeTask {
  kind: "judge_claim";
  claim: string;
  /** The cited passage and its neighbourhood, as shown to the judge. */
  passage: string;
}

export interface ModelRequest {
  /** For logs and provenance: which section or verification this call serves. */
  purpose: string;
  system: string;
  /** The user turn's content blocks, in order. */
  user: PromptBlock[];
  /** Earlier turns for a repair request: the model's previous answer and the problems found. */
  repair?: { previousOutput: string; problems: string[] } | undefined;
  /** The JSON shape the answer must take (sent as output_config.format). */
  outputSchema: z.ZodType;
  maxTokens: number;
  /** The setting maxTokens comes from, named when an answer is cut there (default provider.max_tokens). */
  maxTokensSetting?: string | undefined;
  /**
   * The answer needs no reasoning (a judge's verdict): the provider turns thinking off where the
   * model allows it, so the whole output budget goes to the answer.
   */
  isThinkingUnneeded?: boolean | undefined;
  task: DraftTask | JudgeTask;
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  /** The part of cacheWriteTokens written with the 1-hour TTL (priced higher than 5-minute writes). */
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
}

export interface ModelResult {
  /** The answer's text (JSON for structured output). */
  value: string;
  /** The model as reported by the API (or the provider's own id offline). */
  model: string;
  usage: ModelUsage;
  requestId: string | undefined;
  stopReason: string;
  /** HTTP attempts the call took, SDK retries included. */
  attempts: number;
}

export interface ModelProvider {
  /** "anthropic" or "extractive". */
  id: string;
  /** The model requested. */
  model: string;
  /** Versions worth recording with each call (SDK, API). */
  versions: { sdk: string | null; api: string | null };
  /**
   * Block kinds this provider can write honestly; sections needing none of them are not sent to it
   * (the offline extractive provider cannot invent questions or objectives). Absent means all kinds.
   */
  writableBlockKinds?: readonly BlockKind[];
  generate(request: ModelRequest, options?: { signal?: AbortSignal }): Promise<ModelResult>;
  /**
   * Reads what the model takes (once per provider) and refuses, before anything is spent, a model
   * that does not exist or settings it does not take. Absent where there is no model to check.
   */
  preflight?(check: ModelPreflightCheck): Promise<ModelPreflight>;
  /** Asynchronous batch submission (the Message Batches API), where the provider has one. */
  batches?: ModelBatches;
}

export interface ModelPreflightCheck {
  /** The output budget the calls will ask for, and the setting it comes from. */
  maxTokens: number;
  maxTokensSetting: string;
  /** The calls go through the provider's batch API. */
  isBatch?: boolean | undefined;
}

export interface ModelPreflight {
  /** One line: the model and what it takes (context, output limit, effort, thinking, ...). */
  summary: string;
  /** How the settings will be sent, where that differs from the config (e.g. an effort left out). */
  notes: string[];
}

export interface BatchItem {
  /** Unique within its batch; ^[a-zA-Z0-9_-]{1,64}$. */
  customId: string;
  request: ModelRequest;
}

export interface BatchStatus {
  id: string;
  processingStatus: "in_progress" | "canceling" | "ended";
  counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
  createdAt: string;
  endedAt: string | null;
  expiresAt: string;
  /** Set once the results are gone (29 days after the end, as of 2026-11). */
  archivedAt: string | null;
  cancelInitiatedAt: string | null;
  /** The API gives a results_url: ended and not archived. */
  hasResults: boolean;
}

/** One request's result: a usable answer, or why there is none (an error, cancelled, expired, truncated). */
export type BatchItemOutcome =
  | { customId: string; type: "succeeded"; result: ModelResult }
  | { customId: string; type: "succeeded" | "errored" | "canceled" | "expired"; error: { kind: string; message: string; retryable: boolean } };

export interface ModelBatches {
  /** Bytes one item adds to a create request, for splitting at the API's size limit. */
  measure(item: BatchItem): number;
  /** One create request, never retried inside: an unanswered create may still have made a batch. */
  submit(items: BatchItem[], options?: { signal?: AbortSignal }): Promise<BatchStatus>;
  retrieve(batchId: string, options?: { signal?: AbortSignal }): Promise<BatchStatus>;
  /** The batches of this key's workspace created at or after `since` (ISO time), newest first. */
  listCreatedSince(since: string, options?: { signal?: AbortSignal }): Promise<BatchStatus[]>;
  /** Asks the API to cancel a batch still processing; it goes `canceling`, then ends. */
  cancel(batchId: string, options?: { signal?: AbortSignal }): Promise<BatchStatus>;
  /** The ended batch's results, in the API's order (not the submission order). */
  results(batchId: string, options?: { signal?: AbortSignal }): AsyncIterable<BatchItemOutcome>;
}

/**
 * What one HTTP attempt is expected to use, before it is sent: input tokens estimated from the
 * prompt's characters, output tokens at the request's max_tokens (the API estimates its output
 * limit the same way). Corrected by the answer's reported usage.
 */
export interface AttemptEstimate {
  inputTokens: number;
  outputTokens: number;
}

export interface AttemptTicket {
  /** The attempt was answered: replace its estimate by what the API reported. */
  settle(actual: AttemptEstimate): void;
  /** The attempt produced no answer (an error status, a reset, a timeout): return its token estimate; the request still counts. */
  release(): void;
}

/** The account's per-minute limits as an answer announced them; a limit the answer did not state is absent. */
export interface AnnouncedLimits {
  requestsPerMinute?: number;
  inputTokensPerMinute?: number;
  outputTokensPerMinute?: number;
}

/**
 * Admission for every HTTP attempt of a provider, SDK retries included: waits until the job's
 * request and token budgets allow the attempt, and pauses everything after a rate-limit answer.
 */
export interface AttemptGate {
  acquire(estimate: AttemptEstimate, signal?: AbortSignal): Promise<AttemptTicket>;
  /** A 429 (or a 529 with retry-after) arrived: no attempt starts for `ms`. */
  pause(ms: number, status: number): void;
  /** An answer (of any status) stated the account's limits: pace to them, within the user's ceilings. */
  adopt(announced: AnnouncedLimits): void;
}
