import type { MessageBatch, MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages/batches";
import type { ErrorObject } from "@anthropic-ai/sdk/resources/shared";
import { TEST_PRICE, testPriceLines, UNLIMITED_RUN_LINES } from "./article-fixture.ts";
import { buildMessage, type FakeAnthropic, type FakeResponse, type RecordedRequest } from "./fake-anthropic.ts";
import { checkModelSettings } from "./fake-model-checks.ts";
import { validateMessageParams } from "./fake-validate-request.ts";
import { answerFromBody, sectionOfBody } from "./section-answer.ts";

// The Message Batches endpoints on the fake Messages API, with the life cycle of the real one (API
// version 2026-10-21, platform docs "Batch processing" as of 2026-11):
// - POST /v1/messages/batches: accepted `in_progress`, expires_at = created_at + 24 h;
// - GET /v1/messages/batches/{id}: each retrieve is a poll; after `pollsUntilEnded` polls (while
//   ending is on) the batch ends and each request's result is chosen by a decider;
// - POST .../{id}/cancel: `canceling` (cancel_initiated_at set), then at the next retrieve `ended`
//   with every unprocessed request `canceled`;
// - a batch still processing when its fake clock passes expires_at ends there, every unprocessed
//   request `expired`;
// - 29 days after it ended a batch is archived: archived_at set, results_url null, results gone;
// - GET /v1/messages/batches: a page {data, has_more, first_id, last_id}, newest first, with
//   after_id (older than), before_id (newer than) and limit (1..1000, default 20);
// - DELETE .../{id}: only once ended; then the batch is gone (404);
// - batches are scoped to the workspace of the key: one of another workspace answers 404
//   not_found_error, and the list leaves it out;
// - succeeded messages report usage.service_tier "batch".
// Time is the fake's own clock (starts at the real time), so a test can move it by days.

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
  /** The workspace whose key created it. */
  workspace: string;
  requests: { custom_id: string; params: BatchParams }[];
  polls: number;
  /** Fake-clock milliseconds. */
  createdAt: number;
  cancelInitiatedAt: number | undefined;
  endedAt: number | undefined;
  isDeleted: boolean;
  results: MessageBatchIndividualResponse[] | undefined;
}

export type BatchEndpoint = "create" | "retrieve" | "list" | "cancel" | "results" | "delete";

export interface FakeBatches {
  /** Every batch ever accepted, of every workspace, deleted ones included, oldest first. */
  batches: FakeBatch[];
  /** The fake's clock: what created_at, expiry and archiving are measured by. */
  clock: { now(): number; advance(ms: number): void };
  /** While false, every batch stays in_progress however often it is polled (expiry and cancel still end it). */
  setEnding(isEnding: boolean): void;
  setDecider(decide: (customId: string, section: string) => BatchResultPlan): void;
  /** The next create is accepted and stored, then its connection is destroyed before any answer. */
  loseNextCreateResponse(): void;
  /** The next `times` calls of an endpoint get `response` instead (nothing happens to any batch). */
  failNext(endpoint: BatchEndpoint, response: FakeResponse, times?: number): void;
  /** The key now belongs to this workspace: batches of others answer 404 and leave the list. */
  switchWorkspace(workspace: string): void;
  /** Requests per endpoint, as the fake saw them (failed ones included). */
  calls: Record<BatchEndpoint, number>;
}

export const DAY_MS = 86_400_000;
const EXPIRY_MS = DAY_MS;
const ARCHIVE_MS = 29 * DAY_MS;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const BATCH_PATH = /^\/v1\/messages\/batches\/([^/]+)$/;
const USAGE = { input_tokens: 300, output_tokens: 120, cache_creation_input_tokens: 0, cache_read_input_tokens: 2_000 };

export function addBatchRoutes(fake: FakeAnthropic, options: { pollsUntilEnded?: number; maxRequests?: number } = {}): FakeBatches {
  const batches: FakeBatch[] = [];
  let now = Date.now();
  let isEnding = true;
  let isLosingNextCreate = false;
  let workspace = "wrkspc_fake_default";
  let decide: (customId: string, section: string) => BatchResultPlan = () => ({ type: "succeeded" });
  const failures = new Map<BatchEndpoint, FakeResponse[]>();
  const calls: Record<BatchEndpoint, number> = { create: 0, retrieve: 0, list: 0, cancel: 0, results: 0, delete: 0 };
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const json = (body: unknown): FakeResponse => ({ kind: "raw", status: 200, contentType: "application/json", body: JSON.stringify(body) });
  const invalid = (message: string): FakeResponse => ({ kind: "error", status: 400, message });
  const notFound = (id: string): FakeResponse => ({ kind: "error", status: 404, message: `message batch ${id} not found` });

  /** Moves a batch along the fake clock: one still processing at expires_at ends there. */
  const settle = (batch: FakeBatch): void => {
    const expiresAt = batch.createdAt + EXPIRY_MS;
    if (!batch.results && now >= expiresAt) end(batch, expiresAt, () => ({ type: "expired" }));
  };
  const end = (batch: FakeBatch, at: number, plan: (customId: string, section: string) => BatchResultPlan): void => {
    batch.results = resultsOf(batch, plan);
    batch.endedAt = at;
  };
  const isArchived = (batch: FakeBatch) => batch.endedAt !== undefined && now >= batch.endedAt + ARCHIVE_MS;
  /** The batch this key may see, or undefined (another workspace's, deleted, or never created). */
  const visible = (id: string | undefined): FakeBatch | undefined => {
    const batch = batches.find((candidate) => candidate.id === id && candidate.workspace === workspace && !candidate.isDeleted);
    if (batch) settle(batch);
    return batch;
  };

  const toObject = (batch: FakeBatch): MessageBatch => {
    const counts = { processing: batch.results ? 0 : batch.requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    for (const line of batch.results ?? []) counts[line.result.type] += 1;
    const archived = isArchived(batch);
    return {
      id: batch.id,
      type: "message_batch",
      processing_status: batch.results ? "ended" : batch.cancelInitiatedAt !== undefined ? "canceling" : "in_progress",
      request_counts: counts,
      created_at: iso(batch.createdAt) as string,
      expires_at: iso(batch.createdAt + EXPIRY_MS) as string,
      ended_at: iso(batch.endedAt),
      archived_at: archived ? iso((batch.endedAt as number) + ARCHIVE_MS) : null,
      cancel_initiated_at: iso(batch.cancelInitiatedAt),
      results_url: batch.results && !archived ? `${fake.baseUrl}/v1/messages/batches/${batch.id}/results` : null,
    };
  };

  /** Counts the call and answers a scripted failure when one is queued for this endpoint. */
  const route = (method: string, path: string | RegExp, endpoint: BatchEndpoint, handle: (request: RecordedRequest) => FakeResponse) =>
    fake.addRoute({
      method,
      path,
      handle: (request) => {
        calls[endpoint] += 1;
        return failures.get(endpoint)?.shift() ?? handle(request);
      },
    });

  route("POST", "/v1/messages/batches", "create", (request) => {
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
    const batch: FakeBatch = {
      id: `msgbatch_fake_${String(batches.length + 1).padStart(4, "0")}`,
      workspace,
      requests,
      polls: 0,
      createdAt: now,
      cancelInitiatedAt: undefined,
      endedAt: undefined,
      isDeleted: false,
      results: undefined,
    };
    batches.push(batch);
    if (isLosingNextCreate) {
      isLosingNextCreate = false;
      return { kind: "reset" };
    }
    return json(toObject(batch));
  });
  route("GET", "/v1/messages/batches", "list", (request) => {
    const query = new URL(request.path, "http://fake").searchParams;
    const limit = query.has("limit") ? Number(query.get("limit")) : 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return invalid("limit: must be an integer from 1 to 1000");
    const newestFirst = batches.filter((batch) => batch.workspace === workspace && !batch.isDeleted).reverse();
    for (const batch of newestFirst) settle(batch);
    const cursor = (name: string) => {
      const id = query.get(name);
      if (id === null) return undefined;
      const index = newestFirst.findIndex((batch) => batch.id === id);
      return index < 0 ? null : index;
    };
    const after = cursor("after_id");
    const before = cursor("before_id");
    if (after === null || before === null) return invalid("after_id/before_id: no such message batch");
    let page: FakeBatch[];
    let hasMore: boolean;
    if (before !== undefined) {
      page = newestFirst.slice(Math.max(0, before - limit), before);
      hasMore = before - limit > 0;
    } else {
      const start = after === undefined ? 0 : after + 1;
      page = newestFirst.slice(start, start + limit);
      hasMore = start + limit < newestFirst.length;
    }
    return json({ data: page.map(toObject), has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null });
  });
  route("GET", /^\/v1\/messages\/batches\/[^/]+\/results$/, "results", (request) => {
    const id = /^\/v1\/messages\/batches\/([^/]+)\/results/.exec(request.path)?.[1];
    const batch = visible(id);
    if (!batch) return notFound(String(id));
    if (!batch.results) return invalid(`message batch ${batch.id} is still processing`);
    if (isArchived(batch)) return notFound(`${batch.id} results (archived)`);
    return { kind: "raw", contentType: "application/binary", body: batch.results.map((line) => JSON.stringify(line)).join("\n") + "\n" };
  });
  route("POST", /^\/v1\/messages\/batches\/[^/]+\/cancel$/, "cancel", (request) => {
    const id = /^\/v1\/messages\/batches\/([^/]+)\/cancel/.exec(request.path)?.[1];
    const batch = visible(id);
    if (!batch) return notFound(String(id));
    if (batch.results) return invalid(`message batch ${batch.id} has already ended and cannot be canceled`);
    batch.cancelInitiatedAt ??= now;
    return json(toObject(batch));
  });
  route("DELETE", BATCH_PATH, "delete", (request) => {
    const id = BATCH_PATH.exec(request.path.split("?")[0] ?? "")?.[1];
    const batch = visible(id);
    if (!batch) return notFound(String(id));
    if (!batch.results) return invalid(`message batch ${batch.id} is still processing; cancel it before deleting it`);
    batch.isDeleted = true;
    return json({ id: batch.id, type: "message_batch_deleted" });
  });
  route("GET", BATCH_PATH, "retrieve", (request) => {
    const id = BATCH_PATH.exec(request.path.split("?")[0] ?? "")?.[1];
    const batch = visible(id);
    if (!batch) return notFound(String(id));
    batch.polls += 1;
    // A cancel finishes by the next poll: nothing was processed yet, so every request is canceled.
    if (!batch.results && batch.cancelInitiatedAt !== undefined) end(batch, now, () => ({ type: "canceled" }));
    if (!batch.results && isEnding && batch.polls >= (options.pollsUntilEnded ?? 2)) end(batch, now, decide);
    return json(toObject(batch));
  });
  return {
    batches,
    clock: {
      now: () => now,
      advance: (ms) => {
        now += ms;
      },
    },
    setEnding: (value) => {
      isEnding = value;
    },
    setDecider: (fn) => {
      decide = fn;
    },
    loseNextCreateResponse: () => {
      isLosingNextCreate = true;
    },
    failNext: (endpoint, response, times = 1) => {
      failures.set(endpoint, [...(failures.get(endpoint) ?? []), ...Array<FakeResponse>(times).fill(response)]);
    },
    switchWorkspace: (name) => {
      workspace = name;
    },
    calls,
  };
}

function resultsOf(batch: FakeBatch, decide: (customId: string, section: string) => BatchResultPlan): MessageBatchIndividualResponse[] {
  // The API gives no order guarantee: answer in reverse to make sure the client matches by custom_id.
  return [...batch.requests].reverse().map((item, index): MessageBatchIndividualResponse => {
    // Each request's params are checked as a live call's would be, and a refusal comes back as that
    // request's `errored` result (the create call itself only checks the batch's envelope).
    const refusal = refusalOf(item.params);
    if (refusal) return { custom_id: item.custom_id, result: { type: "errored", error: { type: "error", error: refusal, request_id: `req_batch_${index}` } } };
    const plan = decide(item.custom_id, sectionOfBody(item.params as Parameters<typeof sectionOfBody>[0]));
    if (plan.type === "canceled" || plan.type === "expired") return { custom_id: item.custom_id, result: { type: plan.type } };
    if (plan.type === "errored") {
      // Any error type string, including ones the SDK's union does not list yet.
      const error = { type: plan.errorType, message: plan.message ?? `fake ${plan.errorType}` } as ErrorObject;
      return { custom_id: item.custom_id, result: { type: "errored", error: { type: "error", error, request_id: `req_batch_${index}` } } };
    }
    const content = plan.content ?? answerFromBody(item.params as Parameters<typeof answerFromBody>[0]);
    const message = buildMessage({ kind: "message", content, usage: USAGE, ...(plan.stopReason ? { stopReason: plan.stopReason } : {}) }, `msg_batch_${index}`);
    return { custom_id: item.custom_id, result: { type: "succeeded", message: { ...message, usage: { ...message.usage, service_tier: "batch" } } } };
  });
}

/** What the Messages API would answer these params with, as the error object of an errored result. */
function refusalOf(params: unknown): ErrorObject | undefined {
  const problem = validateMessageParams(params);
  if (problem !== undefined) return { type: "invalid_request_error", message: problem } as ErrorObject;
  const refused = checkModelSettings(params);
  if (refused?.kind !== "error") return undefined;
  return { type: refused.errorType ?? (refused.status === 404 ? "not_found_error" : "invalid_request_error"), message: refused.message ?? `fake error ${refused.status}` } as ErrorObject;
}

export const BATCH_USAGE = USAGE;

/** Batch-test prices (USD per million tokens) for FAKE_MODEL. */
export const BATCH_PRICE = TEST_PRICE;

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
  ...testPriceLines(),
];
