import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { Message, StopReason } from "@anthropic-ai/sdk/resources/messages";
import { FAKE_MODEL } from "./fake-model-catalog.ts";

// A fake of the Anthropic Messages API on node:http, for driving the real SDK in tests. Routing is a
// table (method + path -> handler) so later endpoints (e.g. /v1/messages/batches) are added with
// addRoute without touching the messages route. Shapes follow the API as of 2026-10 (API version
// 2026-10-21): the key arrives as `Authorization: Bearer <key>`, errors are
// `{type: "error", error: {type, message}, request_id}`, and every response has a `request-id` header.

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

/** A well-formed section answer, used when nothing is scripted. */
export const DEFAULT_MESSAGE: FakeResponse = { kind: "message", content: { blocks: [] } };

export async function startFakeAnthropic(options: { apiKey?: string; isKeepingBodies?: boolean } = {}): Promise<FakeAnthropic> {
  const apiKey = options.apiKey ?? FAKE_API_KEY;
  const started = performance.now();
  const requests: RecordedRequest[] = [];
  const queue: FakeResponse[] = [];
  let responder: FakeHandler = () => DEFAULT_MESSAGE;
  let counter = 0;
  const nextId = (prefix: string): string => `${prefix}_fake_${String(++counter).padStart(4, "0")}`;

  const routes: FakeRoute[] = [
    { method: "POST", path: "/v1/messages", handle: (request) => queue.shift() ?? responder(request) },
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
    const response: FakeResponse = route
      ? await route.handle(recorded)
      : { kind: "error", status: 404, message: `no route for ${recorded.method} ${pathname}` };
    if (response.delayMs) await sleep(response.delayMs);
    if (res.destroyed) return; // the client gave up (timeout or abort) while we waited
    if (response.kind === "reset") req.socket.destroy();
    else if (response.kind === "error") sendError(res, response, response.requestId ?? nextId("req"));
    else if (response.kind === "raw") sendRaw(res, response, nextId("req"));
    else sendJson(res, 200, buildMessage(response, nextId("msg")), response.requestId ?? nextId("req"));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { type: "error", error: { type: "api_error", message: String(error) } }, "req_fake_crash");
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function buildMessage(response: Extract<FakeResponse, { kind: "message" }>, id: string): Message {
  const text = typeof response.content === "string" ? response.content : JSON.stringify(response.content);
  const stopReason = response.stopReason ?? "end_turn";
  const { ephemeral_1h_input_tokens: oneHour = 0, ...reported } = response.usage ?? {};
  const usage: FakeUsage = { input_tokens: 120, output_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...reported };
  return {
    id,
    type: "message",
    role: "assistant",
    container: null,
    content: [{ type: "text", text, citations: null }],
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
          : { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens - oneHour, ephemeral_1h_input_tokens: oneHour },
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: "standard",
      speed: null,
    },
  };
}

function sendError(res: ServerResponse, response: Extract<FakeResponse, { kind: "error" }>, requestId: string): void {
  const body = {
    type: "error",
    error: { type: response.errorType ?? ERROR_TYPES[response.status] ?? "api_error", message: response.message ?? `fake error ${response.status}` },
    request_id: requestId,
  };
  sendJson(res, response.status, body, requestId, response.headers);
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
