import type { Anthropic, Middleware } from "@anthropic-ai/sdk";
import { NotFoundError } from "@anthropic-ai/sdk/core/error";
import type { ThinkingConfigParam } from "@anthropic-ai/sdk/resources/messages";
import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import { ProviderError } from "../domain/errors.ts";
import { mapAnthropicError } from "./anthropic-errors.ts";
import { EFFORT_LEVELS, type AnthropicEffort } from "./anthropic-request.ts";

// The model catalog preflight: what the Models API (GET /v1/models/{id}, API version 2026-10-21)
// says a model takes, read once per run before anything is spent, and the checks and request
// settings that follow from it. As of 2026-11 models differ in what they refuse with a 400:
// `output_config.effort` on a model without the effort capability (Haiku 4.5), effort levels a
// model does not list (xhigh on Sonnet 5.5), `thinking: {type: "disabled"}` on models that always
// think (Opus 5.5, Fable), and max_tokens above the model's output limit.

type ThinkingType = keyof NonNullable<ModelInfo["capabilities"]>["thinking"]["types"];

/** What wikigen needs to know about a model, from its ModelInfo. `null` where the API did not say. */
export interface ModelProfile {
  id: string;
  displayName: string;
  lifecycle: ModelInfo["lifecycle"];
  retiresAt: string | null;
  maxInputTokens: number | null;
  maxTokens: number | null;
  /** Effort levels the model takes; empty when it takes no `output_config.effort` at all. */
  efforts: AnthropicEffort[] | null;
  /** `thinking.type` values the model accepts. */
  thinkingTypes: ThinkingType[] | null;
  hasStructuredOutputs: boolean | null;
  hasBatch: boolean | null;
}

export function toModelProfile(info: ModelInfo): ModelProfile {
  const capabilities = info.capabilities;
  const effort = capabilities?.effort;
  const types = capabilities?.thinking.types;
  return {
    id: info.id,
    displayName: info.display_name,
    lifecycle: info.lifecycle,
    retiresAt: info.retires_at,
    maxInputTokens: info.max_input_tokens,
    maxTokens: info.max_tokens,
    efforts: effort ? (effort.supported ? EFFORT_LEVELS.filter((level) => effort[level]?.supported === true) : []) : null,
    thinkingTypes: types ? (Object.keys(types) as ThinkingType[]).filter((type) => types[type].supported) : null,
    hasStructuredOutputs: capabilities ? capabilities.structured_outputs.supported : null,
    hasBatch: capabilities ? capabilities.batch.supported : null,
  };
}

/** The model's profile from the Models API; an id the API does not know is a clear, non-retryable error. */
export async function readModelProfile(client: Anthropic, model: string): Promise<ModelProfile> {
  let attempts = 0;
  const countAttempt: Middleware = (request, next) => {
    attempts += 1;
    return next(request);
  };
  try {
    return toModelProfile(await client.models.retrieve(model, {}, { middleware: [countAttempt] }));
  } catch (error) {
    if (error instanceof NotFoundError) {
      const detail = error.apiMessage ? ` (${error.type ?? "not_found_error"}: ${error.apiMessage})` : "";
      return Promise.reject(
        new ProviderError({
          kind: "unknown_model",
          message: `model "${model}" is not a model this API key can use: the Models API answered 404${detail}; set provider.model (or --model) to an id from GET /v1/models`,
          status: 404,
          attempts,
          ...(error.requestID ? { requestId: error.requestID } : {}),
        }),
      );
    }
    throw mapAnthropicError(error, attempts);
  }
}

export interface ModelSettings {
  effort: AnthropicEffort;
  /** Output budget of the requests to come, and the setting it comes from (named in the message). */
  maxTokens?: number | undefined;
  maxTokensSetting?: string | undefined;
  isBatch?: boolean | undefined;
}

/** Why these settings cannot run on this model; empty when they can. */
export function findSettingProblems(profile: ModelProfile, settings: ModelSettings): string[] {
  const problems: string[] = [];
  const name = profile.id;
  if (profile.lifecycle === "retired") problems.push(`${name} is retired: the Messages API refuses requests naming it; choose a current model`);
  if (settings.maxTokens !== undefined && profile.maxTokens !== null && settings.maxTokens > profile.maxTokens) {
    problems.push(`${settings.maxTokensSetting ?? "max_tokens"} ${settings.maxTokens} is above ${name}'s output limit of ${profile.maxTokens} tokens`);
  }
  if (profile.efforts !== null && profile.efforts.length > 0 && !profile.efforts.includes(settings.effort)) {
    problems.push(`provider.effort "${settings.effort}" is not a level ${name} takes (it takes ${profile.efforts.join(", ")})`);
  }
  if (profile.hasStructuredOutputs === false) problems.push(`${name} has no structured outputs (output_config.format), which every wikigen request needs`);
  if (settings.isBatch === true && profile.hasBatch === false) problems.push(`${name} is not available on the Message Batches API; run without --batch`);
  return problems;
}

/** The settings as a ProviderError, or nothing when the model takes them. */
export function refuseSettings(profile: ModelProfile, settings: ModelSettings): ProviderError | undefined {
  const problems = findSettingProblems(profile, settings);
  if (problems.length === 0) return undefined;
  return new ProviderError({ kind: "unsupported_setting", message: `model ${profile.id} cannot run with these settings: ${problems.join("; ")}` });
}

/**
 * What goes into a request: `output_config.effort` only where the model takes that level (left out
 * on a model without the effort capability; unknown capabilities keep the configured level), and
 * `thinking: {type: "disabled"}` for an answer that needs no reasoning, where the model accepts it.
 * Nothing is known before the profile is read: then the configured effort and no thinking setting.
 */
export function requestSettingsFor(
  profile: ModelProfile | undefined,
  args: { effort: AnthropicEffort; isThinkingUnneeded?: boolean | undefined },
): { effort: AnthropicEffort | undefined; thinking: ThinkingConfigParam | undefined } {
  const efforts = profile?.efforts ?? null;
  const effort = efforts === null || efforts.includes(args.effort) ? args.effort : undefined;
  const canTurnOff = profile?.thinkingTypes?.includes("disabled") === true;
  return { effort, thinking: args.isThinkingUnneeded === true && canTurnOff ? { type: "disabled" } : undefined };
}

/** One line for logs and provenance: what the model takes. */
export function summarizeProfile(profile: ModelProfile): string {
  const count = (value: number | null) => (value === null ? "unknown" : value.toLocaleString("en-US"));
  const list = (values: string[] | null, none: string) => (values === null ? "unknown" : values.length === 0 ? none : values.join("/"));
  const flags = [profile.hasStructuredOutputs === false ? "no structured outputs" : "structured outputs", profile.hasBatch === false ? "no batch" : "batch"];
  return [
    `${profile.id} (${profile.displayName}, ${profile.lifecycle})`,
    `context ${count(profile.maxInputTokens)} tokens`,
    `output up to ${count(profile.maxTokens)}`,
    `effort ${list(profile.efforts, "none")}`,
    `thinking ${list(profile.thinkingTypes, "none")}`,
    ...flags,
  ].join(", ");
}

/** What the user should know about how the settings are sent to this model. */
export function noteSettings(profile: ModelProfile, settings: ModelSettings): string[] {
  const notes: string[] = [];
  if (profile.efforts !== null && profile.efforts.length === 0) notes.push(`${profile.id} takes no effort setting: provider.effort (${settings.effort}) is not sent`);
  if (profile.lifecycle === "deprecated") notes.push(`${profile.id} is deprecated${profile.retiresAt ? ` and retires on ${profile.retiresAt.slice(0, 10)}` : ""}`);
  return notes;
}
