import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import type { FakeResponse, FakeRoute, RecordedRequest } from "./fake-anthropic.ts";
import { findModel, MODEL_CATALOG, toModelInfo } from "./fake-model-catalog.ts";

// The Models API on the fake (shapes as of API version 2026-10-21): GET /v1/models/{id} answers the
// catalog entry as a ModelInfo, or 404 not_found_error "model: <id>" for an id it does not know;
// GET /v1/models is a page {data, has_more, first_id, last_id}, newest model first, with limit
// (default 20, 1..1000), after_id / before_id cursors and the `lifecycle[]` filter (active and
// deprecated when none is given; retired only on request), as the SDK's `models.list` sends them.

type Lifecycle = ModelInfo["lifecycle"];
const LIFECYCLES: readonly Lifecycle[] = ["active", "deprecated", "retired"];
const DEFAULT_LIFECYCLES: readonly Lifecycle[] = ["active", "deprecated"];

const json = (body: unknown): FakeResponse => ({ kind: "raw", status: 200, contentType: "application/json", body: JSON.stringify(body) });
const invalid = (message: string): FakeResponse => ({ kind: "error", status: 400, message });

/** The model the API would answer for `id`, or the 404 it gives for an id it does not know. */
export function retrieveModel(id: string): FakeResponse {
  const entry = findModel(id);
  if (!entry) return { kind: "error", status: 404, errorType: "not_found_error", message: `model: ${id}` };
  return json(toModelInfo(entry));
}

export function modelRoutes(): FakeRoute[] {
  return [
    {
      method: "GET",
      path: /^\/v1\/models\/[^/]+$/,
      handle: (request) => retrieveModel(decodeURIComponent((request.path.split("?")[0] ?? "").slice("/v1/models/".length))),
    },
    {
      method: "GET",
      path: "/v1/models",
      handle: (request) => listModels(new URL(request.path, "http://fake").searchParams),
    },
  ];
}

function listModels(query: URLSearchParams): FakeResponse {
  const limit = query.has("limit") ? Number(query.get("limit")) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return invalid(`limit: expected an integer from 1 to 1000, got ${query.get("limit") ?? ""}`);
  const asked = query.getAll("lifecycle[]");
  const unknown = asked.find((value) => !LIFECYCLES.includes(value as Lifecycle));
  if (unknown !== undefined) return invalid(`lifecycle: unknown value "${unknown}" (expected one of ${LIFECYCLES.join(", ")})`);
  const lifecycles = asked.length > 0 ? asked : DEFAULT_LIFECYCLES;
  const models = [...MODEL_CATALOG]
    .filter((entry) => lifecycles.includes(entry.lifecycle))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(toModelInfo);
  const after = query.get("after_id");
  const before = query.get("before_id");
  let page: ModelInfo[];
  let hasMore: boolean;
  if (before !== null) {
    const end = models.findIndex((model) => model.id === before);
    if (end < 0) return invalid(`before_id: no model ${before}`);
    page = models.slice(Math.max(0, end - limit), end);
    hasMore = end - limit > 0;
  } else {
    const start = after === null ? 0 : models.findIndex((model) => model.id === after) + 1;
    if (start === 0 && after !== null) return invalid(`after_id: no model ${after}`);
    page = models.slice(start, start + limit);
    hasMore = start + limit < models.length;
  }
  return json({ data: page, has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null });
}

/** The requests other than the Models API's reads (the model preflight): the ones that can cost. */
export function withoutModelReads(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => !(request.method === "GET" && /^\/v1\/models(\/|\?|$)/.test(request.path)));
}
