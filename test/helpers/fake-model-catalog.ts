import type { ModelCapabilities, ModelInfo } from "@anthropic-ai/sdk/resources/models";

// The models the strict fake knows, as the Models API describes them (`ModelInfo`, SDK 1.12, API
// version 2026-10-21). Figures from ../shared/anthropic-api-notes.md §0 and §8 (platform.claude.com
// model pages as stored 2026-09..11): every current 5.x model has a 1M-token context and 128K max
// output; thinking cannot be switched off on Opus 5.5 and the Fable line; default effort is medium on
// Opus 5.5 and Haiku 5.5 and high on Sonnet 5.5 and Fable. Where the pages are silent (which effort
// levels Sonnet and Haiku take, whether Haiku 4.5 takes effort at all) the catalog picks the stricter
// reading, so code that passes the fake does not lean on a capability nobody promised.

/** The model most tests ask for: a real, current id the fake accepts. */
export const FAKE_MODEL = "claude-sonnet-5-5";

type Effort = "low" | "medium" | "high" | "xhigh" | "max";
type ThinkingType = "adaptive" | "enabled" | "disabled" | "between_tools";

export interface CatalogEntry {
  id: string;
  displayName: string;
  line: ModelInfo["line"];
  createdAt: string;
  maxInputTokens: number;
  maxTokens: number;
  /** Effort levels the model accepts; empty means `output_config.effort` is refused with a 400. */
  efforts: readonly Effort[];
  /** `thinking.type` values the model accepts. */
  thinking: readonly ThinkingType[];
  /** Whether the model thinks when the request says nothing about thinking. */
  thinksByDefault: boolean;
  /** Smallest prefix, in tokens, the prompt cache stores for this model. */
  cacheMinTokens: number;
  lifecycle: ModelInfo["lifecycle"];
}

const ALL_EFFORTS: readonly Effort[] = ["low", "medium", "high", "xhigh", "max"];

export const MODEL_CATALOG: readonly CatalogEntry[] = [
  { id: "claude-fable-5-2", displayName: "Claude Fable 5.2", line: "fable", createdAt: "2026-11-09T00:00:00Z", maxInputTokens: 1_000_000, maxTokens: 128_000, efforts: ALL_EFFORTS, thinking: ["adaptive"], thinksByDefault: true, cacheMinTokens: 512, lifecycle: "active" },
  { id: "claude-opus-5-5", displayName: "Claude Opus 5.5", line: "opus", createdAt: "2026-09-22T00:00:00Z", maxInputTokens: 1_000_000, maxTokens: 128_000, efforts: ALL_EFFORTS, thinking: ["adaptive"], thinksByDefault: true, cacheMinTokens: 1_024, lifecycle: "active" },
  { id: "claude-sonnet-5-5", displayName: "Claude Sonnet 5.5", line: "sonnet", createdAt: "2026-09-28T00:00:00Z", maxInputTokens: 1_000_000, maxTokens: 128_000, efforts: ["low", "medium", "high", "max"], thinking: ["adaptive", "disabled"], thinksByDefault: true, cacheMinTokens: 1_024, lifecycle: "active" },
  { id: "claude-haiku-5-5", displayName: "Claude Haiku 5.5", line: "haiku", createdAt: "2026-10-07T00:00:00Z", maxInputTokens: 1_000_000, maxTokens: 128_000, efforts: ["low", "medium", "high"], thinking: ["adaptive", "disabled"], thinksByDefault: true, cacheMinTokens: 2_048, lifecycle: "active" },
  { id: "claude-mythos-5-1", displayName: "Claude Mythos 5.1", line: "mythos", createdAt: "2026-07-01T00:00:00Z", maxInputTokens: 1_000_000, maxTokens: 128_000, efforts: ALL_EFFORTS, thinking: ["adaptive"], thinksByDefault: true, cacheMinTokens: 512, lifecycle: "active" },
  { id: "claude-fable-5-1", displayName: "Claude Fable 5.1", line: "fable", createdAt: "2026-07-01T00:00:00Z", maxInputTokens: 1_000_000, maxTokens: 128_000, efforts: ALL_EFFORTS, thinking: ["adaptive"], thinksByDefault: true, cacheMinTokens: 512, lifecycle: "active" },
  { id: "claude-opus-5", displayName: "Claude Opus 5", line: "opus", createdAt: "2026-04-01T00:00:00Z", maxInputTokens: 1_000_000, maxTokens: 128_000, efforts: ["low", "medium", "high", "max"], thinking: ["adaptive", "enabled", "disabled"], thinksByDefault: false, cacheMinTokens: 512, lifecycle: "active" },
  { id: "claude-sonnet-5", displayName: "Claude Sonnet 5", line: "sonnet", createdAt: "2026-04-01T00:00:00Z", maxInputTokens: 1_000_000, maxTokens: 128_000, efforts: ["low", "medium", "high"], thinking: ["adaptive", "enabled", "disabled"], thinksByDefault: false, cacheMinTokens: 1_024, lifecycle: "active" },
  { id: "claude-haiku-4-5", displayName: "Claude Haiku 4.5", line: "haiku", createdAt: "2025-10-01T00:00:00Z", maxInputTokens: 200_000, maxTokens: 64_000, efforts: [], thinking: ["enabled", "disabled"], thinksByDefault: false, cacheMinTokens: 4_096, lifecycle: "active" },
  { id: "claude-sonnet-4-5", displayName: "Claude Sonnet 4.5", line: "sonnet", createdAt: "2025-09-29T00:00:00Z", maxInputTokens: 200_000, maxTokens: 64_000, efforts: [], thinking: ["enabled", "disabled"], thinksByDefault: false, cacheMinTokens: 1_024, lifecycle: "retired" },
];

export function findModel(id: string): CatalogEntry | undefined {
  return MODEL_CATALOG.find((entry) => entry.id === id);
}

const support = (supported: boolean) => ({ supported });

/** The entry as GET /v1/models/{id} answers it. */
export function toModelInfo(entry: CatalogEntry): ModelInfo {
  const has = (effort: Effort) => support(entry.efforts.includes(effort));
  const takes = (type: ThinkingType) => support(entry.thinking.includes(type));
  const capabilities: ModelCapabilities = {
    batch: support(true),
    citations: support(true),
    code_execution: support(true),
    context_management: { supported: false, clear_thinking_20251015: null, clear_tool_uses_20250919: null, compact_20260112: null },
    effort: { supported: entry.efforts.length > 0, low: has("low"), medium: has("medium"), high: has("high"), max: has("max"), xhigh: has("xhigh") },
    image_input: support(true),
    pdf_input: support(true),
    server_tools: { supported: false, code_execution: support(false), web_search: support(false) },
    structured_outputs: support(true),
    thinking: { supported: entry.thinking.some((type) => type !== "disabled"), types: { adaptive: takes("adaptive"), enabled: takes("enabled"), disabled: takes("disabled"), between_tools: takes("between_tools") } },
  };
  return {
    id: entry.id,
    type: "model",
    display_name: entry.displayName,
    created_at: entry.createdAt,
    capabilities,
    deprecated_at: entry.lifecycle === "active" ? null : "2026-08-01T00:00:00Z",
    lifecycle: entry.lifecycle,
    line: entry.line,
    max_input_tokens: entry.maxInputTokens,
    max_tokens: entry.maxTokens,
    retires_at: entry.lifecycle === "active" ? null : "2026-11-30T00:00:00Z",
  };
}
