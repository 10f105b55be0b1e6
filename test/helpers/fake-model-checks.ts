import type { FakeResponse } from "./fake-anthropic.ts";
import { findModel } from "./fake-model-catalog.ts";

// What the real Messages API refuses about the model a request names, checked before anything else
// is answered: an unknown (or retired) model id is a 404 not_found_error "model: <id>"; max_tokens
// above the model's output limit, an effort level it does not take (any level on a model without
// the effort capability) and a thinking type it does not accept are 400 invalid_request_error.
// The general request checks (headers, cache_control, schema, ...) live in fake-validate-request.ts.
// Messages follow the API's style ("max_tokens: 200000 > 128000, which is the maximum ..."); the
// SDK classifies by status and error type only, and so does wikigen.

interface ModelFields {
  model?: unknown;
  max_tokens?: unknown;
  output_config?: { effort?: unknown } | null;
  thinking?: { type?: unknown; budget_tokens?: unknown } | null;
}

const invalid = (message: string): FakeResponse => ({ kind: "error", status: 400, errorType: "invalid_request_error", message });

/** The error the API answers for this request body's model settings, or undefined when it takes them. */
export function checkModelSettings(body: unknown): FakeResponse | undefined {
  const fields = (typeof body === "object" && body !== null ? body : {}) as ModelFields;
  if (typeof fields.model !== "string") return invalid("model: Field required");
  const entry = findModel(fields.model);
  if (!entry || entry.lifecycle === "retired") return { kind: "error", status: 404, errorType: "not_found_error", message: `model: ${fields.model}` };
  const maxTokens = fields.max_tokens;
  // Its form (a whole number, 0 allowed to pre-warm the cache) is the general validator's check.
  if (typeof maxTokens === "number" && maxTokens > entry.maxTokens) {
    return invalid(`max_tokens: ${maxTokens} > ${entry.maxTokens}, which is the maximum allowed number of output tokens for ${entry.id}`);
  }
  const effort = fields.output_config?.effort;
  if (effort !== undefined && effort !== null) {
    if (entry.efforts.length === 0) return invalid(`output_config.effort: ${entry.id} does not support the effort parameter`);
    if (!(entry.efforts as readonly unknown[]).includes(effort)) {
      return invalid(`output_config.effort: '${String(effort)}' is not supported by ${entry.id}; supported levels: ${entry.efforts.join(", ")}`);
    }
  }
  const thinking = fields.thinking;
  if (thinking !== undefined && thinking !== null) {
    if (!(entry.thinking as readonly unknown[]).includes(thinking.type)) {
      return invalid(`thinking.type: '${String(thinking.type)}' is not supported by ${entry.id}; supported types: ${entry.thinking.join(", ")}`);
    }
    if (thinking.type === "enabled") {
      const budget = thinking.budget_tokens;
      if (typeof budget !== "number" || !Number.isInteger(budget) || budget < 1024) return invalid("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
      if (typeof maxTokens === "number" && budget >= maxTokens) return invalid("`max_tokens` must be greater than `thinking.budget_tokens`");
    }
  }
  return undefined;
}
