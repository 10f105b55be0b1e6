import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import type { MessageCreateParamsNonStreaming, MessageParam, TextBlockParam, ThinkingConfigParam } from "@anthropic-ai/sdk/resources/messages";
import type { ModelRequest, PromptBlock } from "./types.ts";

// Turns a ModelRequest into the body of one Messages API call. Pure, so the request layout (cache
// breakpoint, repair turns, structured output) is unit-tested without a server.
//
// Outside facts, as of 2026-10 (API version 2026-10-21, @anthropic-ai/sdk 1.12):
// - structured output goes through `output_config.format` (a JSON schema); forcing a tool with
//   `tool_choice` is refused by current models, so no tools are sent at all;
// - `temperature` no longer exists on the Messages API; `output_config.effort` is the only knob,
//   and only on models that take it (anthropic-models.ts decides what is sent);
// - citations cannot be combined with structured output, so quotes come back inside the JSON.

/** `output_config.effort` levels of API version 2026-10-21; which of them a model takes is in its ModelInfo. */
export const EFFORT_LEVELS = ["low", "medium", "high", "xhigh", "max"] as const;
export type AnthropicEffort = (typeof EFFORT_LEVELS)[number];

export interface BuildMessageParamsArgs {
  request: ModelRequest;
  model: string;
  /** Left out of the request when undefined (a model without the effort capability refuses it). */
  effort: AnthropicEffort | undefined;
  /** Left out when undefined: the model's default (thinking on for current models). */
  thinking?: ThinkingConfigParam | undefined;
  /** false leaves out the cache breakpoint (to measure what caching saves); default true. */
  isPromptCachingEnabled?: boolean | undefined;
}

export function buildMessageParams(args: BuildMessageParamsArgs): MessageCreateParamsNonStreaming {
  const { request } = args;
  const isCaching = args.isPromptCachingEnabled ?? true;
  const userBlocks = request.user.map((block) => toTextBlock(block, isCaching));
  const messages: MessageParam[] = [{ role: "user", content: userBlocks }];
  if (request.repair && request.repair.previousOutput.trim() === "") {
    // The API refuses a blank text block with a 400, so an empty answer cannot be replayed as the
    // assistant turn: the instruction joins the user turn instead and says the answer was empty.
    userBlocks.push({ type: "text", text: formatRepairInstruction(["your previous answer was empty", ...request.repair.problems]) });
  } else if (request.repair) {
    messages.push(
      { role: "assistant", content: [{ type: "text", text: request.repair.previousOutput }] },
      { role: "user", content: [{ type: "text", text: formatRepairInstruction(request.repair.problems) }] },
    );
  }
  return {
    model: args.model,
    max_tokens: request.maxTokens,
    // The API rejects empty text blocks, so an empty system prompt is left out rather than sent.
    ...(request.system ? { system: [{ type: "text", text: request.system }] } : {}),
    messages,
    ...(args.thinking ? { thinking: args.thinking } : {}),
    output_config: { ...(args.effort ? { effort: args.effort } : {}), format: zodOutputFormat(request.outputSchema) },
  };
}

/**
 * The user turn's blocks. A breakpoint block ends the prefix shared by an article's sections
 * (system prompt + sources); marking it `ephemeral` lets every later section read that prefix from
 * the prompt cache instead of paying for it again.
 */
function toTextBlock(block: PromptBlock, isCaching: boolean): TextBlockParam {
  return block.isCacheBreakpoint && isCaching
    ? { type: "text", text: block.text, cache_control: { type: "ephemeral" } }
    : { type: "text", text: block.text };
}

/** The closing user turn of a repair request: what was wrong, and a request for the whole answer. */
export function formatRepairInstruction(problems: string[]): string {
  const listed = problems.length > 0 ? problems.map((problem) => `- ${problem}`).join("\n") : "- (no details given)";
  return [
    "Your previous answer could not be accepted. Problems found:",
    listed,
    "Return the corrected, complete answer as JSON in the required format: every block and claim, not only the changed ones.",
    // A repair must not push the model into writing what its sources do not hold.
    "Fix the problems with what the sources say: leave out a sentence they do not support rather than invent one, and if they hold nothing for this section, answer no_source_material where the section allows it.",
  ].join("\n");
}
