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

export interface DraftTask {
  kind: "draft_section";
  sectionId: string;
  /** Block kinds the section's template allows. */
  blockKinds: BlockKind[];
  /** Section query terms plus the topic, as used for retrieval. */
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
  /** Asynchronous batch submission (the Message Batches API), where the provider has one. */
  batches?: ModelBatches;
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
}

/** One request's result: a usable answer, or why there is none (an error, cancelled, expired, truncated). */
export type BatchItemOutcome =
  | { customId: string; type: "succeeded"; result: ModelResult }
  | { customId: string; type: "succeeded" | "errored" | "canceled" | "expired"; error: { kind: string; message: string; retryable: boolean } };

export interface ModelBatches {
  /** Bytes one item adds to a create request, for splitting at the API's size limit. */
  measure(item: BatchItem): number;
  submit(items: BatchItem[], options?: { signal?: AbortSignal }): Promise<BatchStatus>;
  retrieve(batchId: string, options?: { signal?: AbortSignal }): Promise<BatchStatus>;
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

/**
 * Admission for every HTTP attempt of a provider, SDK retries included: waits until the job's
 * request and token budgets allow the attempt, and pauses everything after a rate-limit answer.
 */
export interface AttemptGate {
  acquire(estimate: AttemptEstimate, signal?: AbortSignal): Promise<AttemptTicket>;
  /** A 429 (or a 529 with retry-after) arrived: no attempt starts for `ms`. */
  pause(ms: number, status: number): void;
}
