import type { MessageBatch, MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages/batches";
import type { ErrorObject } from "@anthropic-ai/sdk/resources/shared";
import { UNLIMITED_RUN_LINES } from "./article-fixture.ts";
import { buildMessage, FAKE_MODEL, type FakeAnthropic, type FakeResponse } from "./fake-anthropic.ts";
import { answerFromBody, sectionOfBody } from "./section-answer.ts";

// The Message Batches endpoints on the fake Messages API (shapes as of API version 2026-10-21):
// POST /v1/messages/batches, GET /v1/messages/batches/{id} (in_progress until polled enough, then
// ended with request_counts and a results_url on the fake itself), and GET {results_url} streaming
// JSONL, one line per request. Each request's result type is chosen by a decider.

export type BatchResultPlan =
  | { type: "succeeded"; content?: unknown; stopReason?: "end_turn" | "max_tokens" }
  | { type: "errored"; errorType: string; message?: string }
  | { type: "canceled" }
  | { type: "expired" };

interface BatchParams {
  messages: { content: { text: string }[] }[];
}

export interface FakeBatch {
  id: string;
  requests: { custom_id: string; params: BatchParams }[];
  polls: number;
  results: MessageBatchIndividualResponse[] | undefined;
}

export interface FakeBatches {
  batches: FakeBatch[];
  /** While false, every batch stays in_progress however often it is polled. */
  setEnding(isEnding: boolean): void;
  setDecider(decide: (customId: string, section: string) => BatchResultPlan): void;
}

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const USAGE = { input_tokens: 300, output_tokens: 120, cache_creation_input_tokens: 0, cache_read_input_tokens: 2_000 };

export function addBatchRoutes(fake: FakeAnthropic, options: { pollsUntilEnded?: number; maxRequests?: number } = {}): FakeBatches {
  const batches: FakeBatch[] = [];
  let isEnding = true;
  let decide: (customId: string, section: string) => BatchResultPlan = () => ({ type: "succeeded" });
  const created = new Date().toISOString();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const json = (body: unknown, status = 200): FakeResponse => ({ kind: "raw", status, contentType: "application/json", body: JSON.stringify(body) });
  const invalid = (message: string): FakeResponse => ({ kind: "error", status: 400, message });

  const toObject = (batch: FakeBatch): MessageBatch => {
    const counts = { processing: batch.results ? 0 : batch.requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    for (const line of batch.results ?? []) counts[line.result.type] += 1;
    return {
      id: batch.id,
      type: "message_batch",
      processing_status: batch.results ? "ended" : "in_progress",
      request_counts: counts,
      created_at: created,
      expires_at: expires,
      ended_at: batch.results ? new Date().toISOString() : null,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: batch.results ? `${fake.baseUrl}/v1/messages/batches/${batch.id}/results` : null,
    };
  };

  fake.addRoute({
    method: "POST",
    path: "/v1/messages/batches",
    handle: (request) => {
      const body = request.body as { requests?: { custom_id: string; params: BatchParams }[] };
      const requests = body.requests ?? [];
      if (requests.length === 0) return invalid("requests: at least one request is required");
      if (options.maxRequests !== undefined && requests.length > options.maxRequests) return invalid(`requests: at most ${options.maxRequests} per batch`);
      const ids = new Set<string>();
      for (const item of requests) {
        if (!CUSTOM_ID.test(item.custom_id)) return invalid(`custom_id "${item.custom_id}" does not match ${CUSTOM_ID.source}`);
        if (ids.has(item.custom_id)) return invalid(`custom_id "${item.custom_id}" is not unique in the batch`);
        ids.add(item.custom_id);
      }
      const batch: FakeBatch = { id: `msgbatch_fake_${String(batches.length + 1).padStart(4, "0")}`, requests, polls: 0, results: undefined };
      batches.push(batch);
      return json(toObject(batch));
    },
  });
  fake.addRoute({
    method: "GET",
    path: /^\/v1\/messages\/batches\/[^/]+\/results$/,
    handle: (request) => {
      const batch = batches.find((candidate) => request.path.startsWith(`/v1/messages/batches/${candidate.id}/`));
      if (!batch?.results) return { kind: "error", status: 404, message: "no results yet" };
      return { kind: "raw", contentType: "application/binary", body: batch.results.map((line) => JSON.stringify(line)).join("\n") + "\n" };
    },
  });
  fake.addRoute({
    method: "GET",
    path: /^\/v1\/messages\/batches\/[^/]+$/,
    handle: (request) => {
      const batch = batches.find((candidate) => request.path.split("?")[0] === `/v1/messages/batches/${candidate.id}`);
      if (!batch) return { kind: "error", status: 404, message: "no such batch" };
      batch.polls += 1;
      if (!batch.results && isEnding && batch.polls >= (options.pollsUntilEnded ?? 2)) batch.results = resultsOf(batch, decide);
      return json(toObject(batch));
    },
  });
  return {
    batches,
    setEnding: (value) => {
      isEnding = value;
    },
    setDecider: (fn) => {
      decide = fn;
    },
  };
}

function resultsOf(batch: FakeBatch, decide: (customId: string, section: string) => BatchResultPlan): MessageBatchIndividualResponse[] {
  // The API gives no order guarantee: answer in reverse to make sure the client matches by custom_id.
  return [...batch.requests].reverse().map((item, index): MessageBatchIndividualResponse => {
    const plan = decide(item.custom_id, sectionOfBody(item.params as Parameters<typeof sectionOfBody>[0]));
    if (plan.type === "canceled" || plan.type === "expired") return { custom_id: item.custom_id, result: { type: plan.type } };
    if (plan.type === "errored") {
      // Any error type string, including ones the SDK's union does not list yet.
      const error = { type: plan.errorType, message: plan.message ?? `fake ${plan.errorType}` } as ErrorObject;
      return { custom_id: item.custom_id, result: { type: "errored", error: { type: "error", error, request_id: `req_batch_${index}` } } };
    }
    const content = plan.content ?? answerFromBody(item.params as Parameters<typeof answerFromBody>[0]);
    const message = buildMessage({ kind: "message", content, usage: USAGE, ...(plan.stopReason ? { stopReason: plan.stopReason } : {}) }, `msg_batch_${index}`);
    return { custom_id: item.custom_id, result: { type: "succeeded", message } };
  });
}

export const BATCH_USAGE = USAGE;

/** Batch-test prices (USD per million tokens) for FAKE_MODEL. */
export const BATCH_PRICE = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 };

/** The config lines of the batch tests: the anthropic provider, fast polling, 10 requests a batch. */
export const BATCH_CONFIG = [
  "provider:",
  "  name: anthropic",
  "  max_retries: 0",
  ...UNLIMITED_RUN_LINES,
  "batch:",
  "  max_requests: 10",
  "  poll_initial_ms: 20",
  "  poll_max_ms: 50",
  "prices:",
  `  ${FAKE_MODEL}: { input_per_mtok: ${BATCH_PRICE.input}, output_per_mtok: ${BATCH_PRICE.output}, cache_write_per_mtok: ${BATCH_PRICE.cacheWrite}, cache_read_per_mtok: ${BATCH_PRICE.cacheRead} }`,
];
