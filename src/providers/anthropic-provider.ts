import { Console } from "node:console";
import type { Anthropic, ClientOptions, Middleware } from "@anthropic-ai/sdk";
import { VERSION } from "@anthropic-ai/sdk/version";
import { ProviderError } from "../domain/errors.ts";
import { createBatchApi } from "./anthropic-batches.ts";
import { countedUsage, estimateAttempt, gateMiddleware } from "./anthropic-gate.ts";
import { noteSettings, readModelProfile, refuseSettings, requestSettingsFor, summarizeProfile, type ModelProfile } from "./anthropic-models.ts";
import { buildMessageParams, type AnthropicEffort } from "./anthropic-request.ts";
import { toModelResult } from "./anthropic-response.ts";
import { streamMessage, type StreamedMessage } from "./anthropic-stream.ts";
import type { AttemptGate, AttemptTicket, ModelPreflight, ModelPreflightCheck, ModelProvider, ModelRequest, ModelResult } from "./types.ts";

/** The installed @anthropic-ai/sdk version, recorded with every call for provenance. */
export const ANTHROPIC_SDK_VERSION: string = VERSION;

/**
 * The `anthropic-version` header the installed SDK sends. As of @anthropic-ai/sdk 1.12.0 it is a
 * literal inside `BaseAnthropic.buildHeaders` (client.js) and not exported, so it is copied here;
 * src/providers/anthropic-provider.test.ts reads it back from the SDK's own request builder and
 * fails when an SDK upgrade changes it.
 */
export const ANTHROPIC_API_VERSION = "2026-10-21";

export interface AnthropicProviderOptions {
  /** From ANTHROPIC_API_KEY (read by the config layer, never here). */
  apiKey: string | undefined;
  /** From provider.base_url / ANTHROPIC_BASE_URL; undefined means the public API. */
  baseUrl?: string | undefined;
  model: string;
  effort: AnthropicEffort;
  /**
   * The longest silence from the API, in milliseconds: per HTTP attempt until the response begins
   * (the SDK's timeout, retried), then between any two chunks of the streamed answer (not retried).
   * A healthy answer may stream for longer than this in total. See anthropic-stream.ts.
   */
  timeoutMs: number;
  /** SDK retries after the first attempt (429, 5xx, 529, connection errors, timeouts). */
  maxRetries: number;
  /** Admission for every HTTP attempt (the job's rate limiter); none means unlimited. */
  gate?: AttemptGate | undefined;
  /** cache_control on the shared source block (default true). */
  isPromptCachingEnabled?: boolean | undefined;
}

export function createAnthropicProvider(options: AnthropicProviderOptions): ModelProvider {
  if (!options.apiKey) {
    throw new ProviderError({
      kind: "missing_key",
      message: "ANTHROPIC_API_KEY is not set; set it or use --provider extractive",
    });
  }
  const clientOptions: ClientOptions = {
    // In SDK 1.x `apiKey` is sent as `Authorization: Bearer <key>` (no more x-api-key), and an
    // explicit credential stops the SDK from reading ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN itself.
    apiKey: options.apiKey,
    // null, not undefined: undefined would make the SDK read ANTHROPIC_BASE_URL on its own, behind
    // the config layer that already resolved it (and that `wikigen config` reports).
    baseURL: options.baseUrl ?? null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    // The SDK logs to the global console, whose debug/info lines go to stdout; stdout carries
    // wikigen's --json document, so SDK lines go to stderr with the rest of the progress output.
    logger: new Console({ stdout: process.stderr, stderr: process.stderr }),
  };
  // The SDK's client (over a thousand modules) loads with the first request, not with the provider:
  // a command that builds a provider and sends nothing does not pay for it.
  let client: Promise<Anthropic> | undefined;
  const connect = () => (client ??= import("@anthropic-ai/sdk").then((sdk) => new sdk.Anthropic(clientOptions)));
  const model = options.model;
  const effort = options.effort;
  // What the model takes, read once (GET /v1/models/{id}) before the first request that spends
  // anything; an outcome worth retrying (a connection error) is not kept, so the next call asks again.
  let profile: ModelProfile | undefined;
  let reading: Promise<ModelProfile> | undefined;
  const readProfile = (): Promise<ModelProfile> =>
    (reading ??= connect()
      .then((anthropic) => readModelProfile(anthropic, model))
      .then(
        (read) => (profile = read),
        (error: unknown) => {
          if (error instanceof ProviderError && error.retryable) reading = undefined;
          throw error;
        },
      ));
  const toParams = (request: ModelRequest) =>
    buildMessageParams({ request, model, ...requestSettingsFor(profile, { effort, isThinkingUnneeded: request.isThinkingUnneeded }), isPromptCachingEnabled: options.isPromptCachingEnabled });

  async function generate(request: ModelRequest, callOptions?: { signal?: AbortSignal }): Promise<ModelResult> {
    // Nothing is sent that the model would refuse (the run's preflight normally said so already).
    const refused = refuseSettings(await readProfile(), { effort, maxTokens: request.maxTokens, maxTokensSetting: request.maxTokensSetting });
    if (refused) throw refused;
    // Per-request middleware runs once per HTTP attempt inside the SDK's retry loop, so counting
    // its calls counts attempts, retries included, without mixing up concurrent requests.
    let attempts = 0;
    const countAttempt: Middleware = (apiRequest, next) => {
      attempts += 1;
      return next(apiRequest);
    };
    const params = toParams(request);
    const signal = callOptions?.signal;
    // A streamed answer's usage arrives at its end: the gate hands its ticket over, settled below.
    let ticket: AttemptTicket | undefined;
    const gate = options.gate ? gateMiddleware({ gate: options.gate, estimate: estimateAttempt(params), signal, onStreamedAnswer: (given) => (ticket = given) }) : undefined;
    // The gate wraps the counter (the first middleware is the outermost): an attempt counts once admitted.
    const middleware: Middleware[] = gate ? [gate, countAttempt] : [countAttempt];
    const client = await connect();
    let streamed: StreamedMessage;
    try {
      streamed = await streamMessage({ client, params, middleware, signal, idleTimeoutMs: options.timeoutMs, attempts: () => attempts });
    } catch (error) {
      const partial = error instanceof ProviderError ? error.partialUsage : undefined;
      if (partial) ticket?.settle({ inputTokens: partial.inputTokens + partial.cacheWriteTokens, outputTokens: partial.outputTokens });
      else ticket?.release();
      throw error;
    }
    ticket?.settle(countedUsage(streamed.message));
    return toModelResult({ message: streamed.message, maxTokens: request.maxTokens, maxTokensSetting: request.maxTokensSetting, requestId: streamed.requestId, attempts });
  }

  async function preflight(check: ModelPreflightCheck): Promise<ModelPreflight> {
    const read = await readProfile();
    const settings = { effort, ...check };
    const refused = refuseSettings(read, settings);
    if (refused) throw refused;
    return { summary: summarizeProfile(read), notes: noteSettings(read, settings) };
  }

  const batches = createBatchApi({ connect, toParams });

  return {
    id: "anthropic",
    model,
    versions: { sdk: ANTHROPIC_SDK_VERSION, api: ANTHROPIC_API_VERSION },
    generate,
    preflight,
    batches: {
      ...batches,
      // A submission is spending: the model must take batches and the configured settings first.
      async submit(items, submitOptions) {
        const refused = refuseSettings(await readProfile(), { effort, isBatch: true, maxTokens: Math.max(0, ...items.map((item) => item.request.maxTokens)) });
        if (refused) throw refused;
        return batches.submit(items, submitOptions);
      },
    },
  };
}
