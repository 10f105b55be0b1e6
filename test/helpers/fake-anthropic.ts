import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { Message, StopReason } from "@anthropic-ai/sdk/resources/messages";
import { FAKE_MODEL } from "./fake-model-catalog.ts";
import { createAccountRateLimiter, type AccountRateLimiter, type AccountRateLimits } from "./fake-rate-limits.ts";
import { createPromptCache, type CacheUsage, type PromptCache } from "./fake-prompt-cache.ts";
import { validateApiVersion, validateMessageParams } from "./fake-validate-request.ts";
import { generationMs, isStreamRequest, sendMessageStream, type GenerationSpeed, type StreamFault } from "./fake-stream.ts";
import { checkModelSettings } from "./fake-model-checks.ts";
import { modelRoutes } from "./fake-models-route.ts";
import { addThinking, type ThinkingOptions } from "./fake-thinking.ts";

// A fake of the Anthropic Messages API on node:http, for driving the real SDK in tests. Routing is a
// table (method + path -> handler) so later endpoints (e.g. /v1/messages/batches) are added with
// addRoute without touching the messages route. Shapes follow the API as of 2026-10 (API version
// 2026-10-21): the key arrives as `Authorization: Bearer <key>`, errors are
// `{type: "error", error: {type, message}, request_id}`, and every response has a `request-id` header.
// Strict by default: POST /v1/messages refuses what the real API refuses (fake-validate-request.ts)
// with a 400 before any scripted answer is used, and usage a test does not script comes from the
// request through a prompt cache keyed on the real prefix (fake-prompt-cache.ts).

export const FAKE_API_KEY = "sk-ant-fake-0123456789";
export { FAKE_MODEL } from "./fake-model-catalog.ts";

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. "/v1/messages". */
  path: string;
  /** Lower-cased header names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or undefined when empty or not JSON. */
  body: unknown;
  /** The body as received, for checks that must see every byte (e.g. no key anywhere in it). */
  rawBody: string;
  /** Milliseconds since the fake started (monotonic clock), for measuring retry gaps. */
  at: number;
}

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
}

export type FakeResponse =
  | {
      kind: "message";
      /** The text block's content: a string is sent verbatim (invalid JSON included), anything else as JSON. */
      content: unknown;
      model?: string;
      stopReason?: Extract<StopReason, "end_turn" | "max_tokens" | "refusal">;
      usage?: Partial<FakeUsage> & {
        /** The part of cache_creation_input_tokens written with the 1-hour TTL (default 0). */
        ephemeral_1h_input_tokens?: number;
      };
      requestId?: string;
      delayMs?: number;
      /** A thinking block before the text, its tokens already inside usage.output_tokens. */
      thinking?: string;
      /** Overrides the fake's generation speed for this answer (see fake-stream.ts). */
      speed?: GenerationSpeed;
      /** A streamed answer that fails after it began (ignored when the request did not stream). */
      streamFault?: StreamFault;
    }
  | {
      kind: "error";
      status: number;
      /** Defaults from the status (429 rate_limit_error, 529 overloaded_error, ...). */
      errorType?: string;
      message?: string;
      /** Extra headers, e.g. { "retry-after-ms": "5" } or { "retry-after": "1" }. */
      headers?: Record<string, string>;
      requestId?: string;
      delayMs?: number;
    }
  /** Destroys the socket without answering: the client sees a connection reset. */
  | { kind: "reset"; delayMs?: number }
  /** Any other body (batch objects, JSONL results), sent as given. */
  | { kind: "raw"; status?: number; contentType: string; body: string; delayMs?: number };

export type FakeHandler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeRoute {
  method: string;
  /** Exact path (query string ignored) or a pattern tested against it. */
  path: string | RegExp;
  handle: FakeHandler;
}

export interface FakeAnthropic {
  baseUrl: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Queues answers for POST /v1/messages, consumed in order; when empty, the responder answers. */
  script(...responses: FakeResponse[]): void;
  /** Replaces the default responder of POST /v1/messages. */
  setResponder(fn: FakeHandler): void;
  /** Adds a route; routes are matched in the order added, after authentication. */
  addRoute(route: FakeRoute): void;
  /** The account's limits: the `rateLimits` option's, else UNBINDING_LIMITS (see fake-rate-limits.ts). */
  rateLimits: AccountRateLimiter;
  /** The prompt cache behind computed usage (its clock is the `now` option). */
  promptCache: PromptCache;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  408: "timeout_error",
  409: "conflict_error",
  413: "request_too_large",
  429: "rate_limit_error",
  504: "timeout_error",
  529: "overloaded_error",
};

/** Usage of an answer that states none (or only part of it). */

/** A well-formed section answer, used when nothing is scripted. */
/** The default account: limits announced in every answer's headers, far above what any test sends. */
export const UNBINDING_LIMITS: AccountRateLimits = { requestsPerMinute: 1_000_000, inputTokensPerMinute: 1_000_000_000, outputTokensPerMinute: 1_000_000_000 };

export const DEFAULT_MESSAGE: FakeResponse = { kind: "message", content: { blocks: [] } };

export interface FakeAnthropicOptions extends ThinkingOptions {
  apiKey?: string;
  isKeepingBodies?: boolean;
  /** false turns off the request validator (default true: refuse what the real API refuses). */
  isStrict?: boolean;
  /** The prompt cache's clock in milliseconds (default Date.now), so tests can move time on. */
  now?: () => number;
  /** The account's limits (see fake-rate-limits.ts); none means an account no test comes near (UNBINDING_LIMITS). */
  rateLimits?: AccountRateLimits;
  /** How fast answers are generated (see fake-stream.ts); none means at once. */
  speed?: GenerationSpeed;
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const apiKey = options.apiKey ?? FAKE_API_KEY;
  // The real API announces the account's limits on every answer; without a test's own limits the
  // fake's account is one no test comes near, so its headers are there but never bind.
  const rateLimits = createAccountRateLimiter(options.rateLimits ?? UNBINDING_LIMITS);
  const started = performance.now();
  const requests: RecordedRequest[] = [];
  const queue: FakeResponse[] = [];
  let responder: FakeHandler = () => DEFAULT_MESSAGE;
  let counter = 0;
  const nextId = (prefix: string): string => `${prefix}_fake_${String(++counter).padStart(4, "0")}`;
  const promptCache = createPromptCache(options.now ? { now: options.now } : {});
  const refuse = (request: RecordedRequest): FakeResponse | undefined => {
    if (options.isStrict === false) return undefined;
    const problem = validateApiVersion(request.headers) ?? validateMessageParams(request.body);
    return problem === undefined ? undefined : { kind: "error", status: 400, message: problem };
  };

  const routes: FakeRoute[] = [
    // What any model refuses first, then the model's own limits: a request the API would refuse
    // never reaches the script.
    { method: "POST", path: "/v1/messages", handle: (request) => refuse(request) ?? checkModelSettings(request.body) ?? queue.shift() ?? responder(request) },
    ...modelRoutes(),
  ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: req.headers,
      body: parseJson(rawBody),
      rawBody,
      at: performance.now() - started,
    };
    // A long benchmark keeps only each request's line (method, path, time), not its body.
    requests.push(options.isKeepingBodies === false ? { ...recorded, body: undefined, rawBody: "" } : recorded);
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      sendError(res, { kind: "error", status: 401, message: "invalid x-api-key or bearer token" }, nextId("req"));
      return;
    }
    const pathname = recorded.path.split("?")[0] ?? "";
    const route = routes.find(
      (candidate) =>
        candidate.method === recorded.method &&
        (typeof candidate.path === "string" ? candidate.path === pathname : candidate.path.test(pathname)),
    );
    // The account's limits apply to Messages requests before anything else answers them.
    const admission = recorded.method === "POST" && pathname === "/v1/messages" ? rateLimits.admit(recorded) : undefined;
    const response: FakeResponse =
      admission && "rejection" in admission
        ? admission.rejection
        : route
          ? await route.handle(recorded)
          : { kind: "error", status: 404, message: `no route for ${recorded.method} ${pathname}` };
    // The cache entry an answer writes exists once the answer is out, after its delay.
    const usage = response.kind === "message" ? promptCache.account(recorded.body, { readyAt: (options.now ?? Date.now)() + (response.delayMs ?? 0) }) : undefined;
    // A thinking model thinks first (fake-thinking.ts), unless the answer scripts its own thinking.
    const built = response.kind === "message" ? buildMessage(response, nextId("msg"), usage) : undefined;
    const message = built && response.kind === "message" && response.thinking === undefined ? addThinking(built, recorded.body, options) : built;
    if (response.delayMs) await sleep(response.delayMs);
    if (admission && "settle" in admission) admission.settle(message?.usage);
    if (res.destroyed) return; // the client gave up (timeout or abort) while we waited
    for (const [name, value] of Object.entries(rateLimits.headers())) res.setHeader(name, value);
    if (response.kind === "reset") req.socket.destroy();
    else if (response.kind === "error") sendError(res, response, response.requestId ?? nextId("req"));
    else if (response.kind === "raw") sendRaw(res, response, nextId("req"));
    else if (message) await sendMessage({ res, message, fault: response.streamFault, isStreamed: isStreamRequest(recorded.body), speed: response.speed ?? options.speed, requestId: response.requestId ?? nextId("req") });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A crash of the fake is a bug in a test: no retry, so it surfaces at once.
      if (!res.headersSent && !res.destroyed)
        sendJson(res, 500, { type: "error", error: { type: "api_error", message: String(error) }, request_id: "req_fake_crash" }, "req_fake_crash", { "x-should-retry": "false" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    script: (...responses) => {
      queue.push(...responses);
    },
    setResponder: (fn) => {
      responder = fn;
    },
    addRoute: (route) => {
      routes.push(route);
    },
    rateLimits,
    promptCache,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A message answer, streamed (SSE) when the request asked for it; generation takes the speed's time either way. */
async function sendMessage(args: {
  res: ServerResponse;
  message: Message;
  fault: StreamFault | undefined;
  isStreamed: boolean;
  speed: GenerationSpeed | undefined;
  requestId: string;
}): Promise<void> {
  const { message } = args;
  if (args.isStreamed) {
    await sendMessageStream({ res: args.res, message, requestId: args.requestId, speed: args.speed, fault: args.fault });
    return;
  }
  // Not streamed: the status line and the whole answer wait for the whole generation.
  const ms = generationMs(args.speed, message.usage.output_tokens);
  if (ms > 0) await sleep(ms);
  if (!args.res.destroyed) sendJson(args.res, 200, message, args.requestId);
}

/**
 * The Message for an answer. Usage fields the answer scripts win; the others come from `computed`
 * (the prompt cache's figures for the request) or, without it, fixed defaults; output tokens
 * default to the text's characters / 4.
 */
export function buildMessage(response: Extract<FakeResponse, { kind: "message" }>, id: string, computed?: CacheUsage): Message {
  const text = typeof response.content === "string" ? response.content : JSON.stringify(response.content);
  const stopReason = response.stopReason ?? "end_turn";
  const { ephemeral_1h_input_tokens: oneHour, ...reported } = response.usage ?? {};
  const usage: FakeUsage = {
    input_tokens: computed?.input_tokens ?? 120,
    output_tokens: Math.max(1, Math.ceil(text.length / 4)),
    cache_creation_input_tokens: computed?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: computed?.cache_read_input_tokens ?? 0,
    ...reported,
  };
  const isCreationScripted = reported.cache_creation_input_tokens !== undefined;
  return {
    id,
    type: "message",
    role: "assistant",
    container: null,
    content: [...(response.thinking === undefined ? [] : [{ type: "thinking" as const, thinking: response.thinking, signature: `sig_${id}` }]), { type: "text", text, citations: null }],
    diagnostics: null,
    model: response.model ?? FAKE_MODEL,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: stopReason === "refusal" ? { type: "refusal", category: null, explanation: null } : null,
    usage: {
      ...usage,
      cache_creation:
        usage.cache_creation_input_tokens === null
          ? null
          : !isCreationScripted && computed
            ? computed.cache_creation
            : { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens - (oneHour ?? 0), ephemeral_1h_input_tokens: oneHour ?? 0 },
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: "standard",
      speed: null,
    },
  };
}

/**
 * Whether the client may retry, as the API says in `x-should-retry` on every error (the SDK obeys it
 * before its own status rules): yes for rate limits, overload and server errors, no for 4xx.
 */
function shouldRetry(status: number): boolean {
  return status === 429 || status >= 500;
}

function sendError(res: ServerResponse, response: Extract<FakeResponse, { kind: "error" }>, requestId: string): void {
  const body = {
    type: "error",
    error: { type: response.errorType ?? ERROR_TYPES[response.status] ?? "api_error", message: response.message ?? `fake error ${response.status}` },
    request_id: requestId,
  };
  sendJson(res, response.status, body, requestId, { "x-should-retry": String(shouldRetry(response.status)), ...response.headers });
}

function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "request-id": requestId,
    ...headers,
  });
  res.end(text);
}

function sendRaw(res: ServerResponse, response: Extract<FakeResponse, { kind: "raw" }>, requestId: string): void {
  res.writeHead(response.status ?? 200, { "content-type": response.contentType, "content-length": Buffer.byteLength(response.body), "request-id": requestId });
  res.end(response.body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A judge call of the llm verifier (its output schema has a verdict), as opposed to a section draft. */
export function isJudgeRequest(request: RecordedRequest): boolean {
  const body = request.body as { output_config?: { format?: { schema?: { properties?: Record<string, unknown> } } } };
  return "verdict" in (body.output_config?.format?.schema?.properties ?? {});
}
