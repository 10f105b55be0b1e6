import type { z } from "zod";
import type { BlockKind } from "../domain/claims.ts";

// The one small contract every model provider implements. A request carries both the rendered
// prompt (for a real model) and the structured material it was rendered from (for the offline
// extractive provider, which selects source sentences instead of calling a model).

export interface PromptBlock {
  text: string;
  /** Marks the end of a prefix shared by many requests (an article's sources): cache it. */
  isCacheBreakpoint?: boolean;
}

export interface Passage {
  /** The spec's source number. */
  source: number;
  /** Character offsets into the snapshot's extracted text. */
  start: number;
  end: number;
  text: string;
  score: number;
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
}
