import { createHash } from "node:crypto";
import type { ContentBlock, Message } from "@anthropic-ai/sdk/resources/messages";
import { findModel, type CatalogEntry } from "./fake-model-catalog.ts";

// Thinking as the real Messages API answers it (API version 2026-10-21): a model that thinks (one
// that thinks by default and was not sent `thinking: {type: "disabled"}`, or any model sent
// `adaptive` / `enabled`) answers with a `thinking` block, signature included, before its text.
// Thinking tokens are output tokens: they are counted in `usage.output_tokens` (and in
// `output_tokens_details.thinking_tokens`) and against `max_tokens`. When thinking and answer
// together need more than max_tokens, the answer is cut there and stop_reason is `max_tokens`;
// thinking that alone fills max_tokens leaves no text block at all.
//
// How much a model thinks is the fake's choice: `thinkingTokens` at medium effort, scaled by the
// request's effort (or the model's default effort). The default, 1,536 at medium, is the order of
// what a current model spends on a short classification: enough that a 1,024-token budget is cut.

export type Effort = "low" | "medium" | "high" | "xhigh" | "max";

export interface ThinkingOptions {
  /** Thinking tokens at medium effort (default 1,536); 0 turns the fake's thinking off. */
  thinkingTokens?: number | undefined;
}

export const DEFAULT_THINKING_TOKENS = 1_536;

/** Thinking at each effort level, relative to medium. */
export const EFFORT_SCALE: Record<Effort, number> = { low: 1 / 3, medium: 1, high: 2, xhigh: 3, max: 4 };

/** Default effort when the request names none: high on Sonnet 5.5 and Fable, medium elsewhere (model pages, 2026-11). */
function defaultEffort(entry: CatalogEntry): Effort {
  return entry.id === "claude-sonnet-5-5" || entry.line === "fable" ? "high" : "medium";
}

interface ThinkingFields {
  model?: unknown;
  max_tokens?: unknown;
  output_config?: { effort?: unknown } | null;
  thinking?: { type?: unknown; budget_tokens?: unknown; display?: unknown } | null;
}

/** Thinking tokens the model spends on this request (0 when it does not think). */
export function thinkingTokensFor(body: unknown, options: ThinkingOptions = {}): number {
  const fields = (typeof body === "object" && body !== null ? body : {}) as ThinkingFields;
  const entry = typeof fields.model === "string" ? findModel(fields.model) : undefined;
  if (!entry) return 0;
  const type = fields.thinking?.type;
  const isThinking = type === "adaptive" || type === "enabled" || ((type === undefined || type === null) && entry.thinksByDefault);
  if (!isThinking) return 0;
  const requested = fields.output_config?.effort;
  const effort = typeof requested === "string" && requested in EFFORT_SCALE ? (requested as Effort) : defaultEffort(entry);
  const tokens = Math.round((options.thinkingTokens ?? DEFAULT_THINKING_TOKENS) * EFFORT_SCALE[effort]);
  const budget = fields.thinking?.budget_tokens;
  return type === "enabled" && typeof budget === "number" ? Math.min(tokens, budget) : tokens;
}

/** The answer as the model would give it for this request: thinking first, counted, and cut at max_tokens. */
export function addThinking(message: Message, body: unknown, options: ThinkingOptions = {}): Message {
  const wanted = thinkingTokensFor(body, options);
  if (wanted === 0) return message;
  const fields = body as ThinkingFields;
  const maxTokens = typeof fields.max_tokens === "number" ? fields.max_tokens : Number.POSITIVE_INFINITY;
  const answerTokens = message.usage.output_tokens;
  const thinking = Math.min(wanted, maxTokens);
  const room = maxTokens - thinking;
  const isCut = thinking + answerTokens > maxTokens;
  const block: ContentBlock = {
    type: "thinking",
    thinking: fields.thinking?.display === "omitted" ? "" : `Weighing the request before answering (${thinking} tokens of reasoning, summarized).`,
    signature: createHash("sha256").update(`${message.id}:${thinking}`).digest("base64"),
  };
  const content = isCut ? cutAnswer(message.content, room / Math.max(1, answerTokens)) : message.content;
  return {
    ...message,
    content: [block, ...content],
    stop_reason: isCut ? "max_tokens" : message.stop_reason,
    usage: {
      ...message.usage,
      output_tokens: isCut ? maxTokens : thinking + answerTokens,
      output_tokens_details: { thinking_tokens: thinking },
    },
  };
}

/** The text blocks cut to `share` of their length (none left when nothing fits). */
function cutAnswer(content: ContentBlock[], share: number): ContentBlock[] {
  const cut: ContentBlock[] = [];
  for (const block of content) {
    if (block.type !== "text") continue;
    const length = Math.floor(block.text.length * share);
    if (length > 0) cut.push({ ...block, text: block.text.slice(0, length) });
  }
  return cut;
}
