import type { Message, Usage } from "@anthropic-ai/sdk/resources/messages";
import { checkStopReason } from "./anthropic-errors.ts";
import type { ModelResult, ModelUsage } from "./types.ts";

// A Messages API answer as wikigen's ModelResult: shared by live calls and batch results.

/** A usable answer as a ModelResult, or the ProviderError for a truncated or refused one. */
export function toModelResult(args: { message: Message; maxTokens: number; maxTokensSetting?: string | undefined; requestId: string | undefined; attempts: number }): ModelResult {
  const { message, requestId } = args;
  const thinkingTokens = message.usage.output_tokens_details?.thinking_tokens ?? 0;
  const refused = checkStopReason({ stopReason: message.stop_reason, maxTokens: args.maxTokens, maxTokensSetting: args.maxTokensSetting, thinkingTokens, requestId });
  if (refused) throw refused;
  return {
    value: collectText(message),
    model: message.model,
    usage: mapUsage(message.usage),
    requestId,
    stopReason: message.stop_reason ?? "unknown",
    attempts: args.attempts,
  };
}

/**
 * The answer's text: all text blocks in order (structured output arrives as text). A thinking
 * model's `thinking` (or `redacted_thinking`) blocks come first and are not part of the answer;
 * their tokens are in usage.output_tokens already, so they are billed at the output price.
 */
function collectText(message: Message): string {
  let text = "";
  for (const block of message.content) if (block.type === "text") text += block.text;
  return text;
}

/** The API reports cache counts as null when caching did not apply; wikigen stores 0. */
export function mapUsage(usage: Usage): ModelUsage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    // The TTL split of the writes (cache_creation, API 2026-10-21): 1-hour writes cost more.
    cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}
