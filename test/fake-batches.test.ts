import Anthropic, { APIConnectionError, BadRequestError, NotFoundError } from "@anthropic-ai/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicProvider } from "../src/providers/anthropic-provider.ts";
import { FAKE_MODEL, startFakeAnthropic, type FakeAnthropic } from "./helpers/fake-anthropic.ts";
import { addBatchRoutes, DAY_MS, type FakeBatches } from "./helpers/fake-batches.ts";

// The fake Message Batches API answers as the real one does (API version 2026-10-21), checked
// through the real SDK: the in_progress -> canceling -> ended life cycle, expiry after 24 h,
// archiving 29 days after the end, the list page and its cursors, delete, workspace scoping, the
// batch service tier, and a create whose answer is lost after the batch was stored.

let fake: FakeAnthropic;
let batches: FakeBatches;
let client: Anthropic;

beforeEach(async () => {
  fake = await startFakeAnthropic();
  batches = addBatchRoutes(fake, { pollsUntilEnded: 2 });
  batches.setDecider(() => ({ type: "succeeded", content: { blocks: [] } }));
  client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0 });
});
afterEach(() => fake.close());

const request = (customId: string) => ({ custom_id: customId, params: { model: FAKE_MODEL, max_tokens: 100, messages: [{ role: "user" as const, content: "hello" }] } });
const create = (size = 2) => client.messages.batches.create({ requests: Array.from({ length: size }, (_, index) => request(`r${index}`)) });
async function resultTypes(id: string): Promise<string[]> {
  const types: string[] = [];
  for await (const line of await client.messages.batches.results(id)) types.push(line.result.type);
  return types;
}

describe("fake Message Batches", () => {
  it("runs in_progress -> ended with results whose messages report the batch service tier", async () => {
    const created = await create();
    expect(created).toMatchObject({ processing_status: "in_progress", results_url: null, ended_at: null, archived_at: null, cancel_initiated_at: null });
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(DAY_MS);
    expect((await client.messages.batches.retrieve(created.id)).processing_status).toBe("in_progress");
    const ended = await client.messages.batches.retrieve(created.id);
    expect(ended).toMatchObject({ processing_status: "ended", request_counts: { processing: 0, succeeded: 2, errored: 0, canceled: 0, expired: 0 } });
    expect(ended.results_url).toBe(`${fake.baseUrl}/v1/messages/batches/${created.id}/results`);
    for await (const line of await client.messages.batches.results(created.id)) {
      expect(line.result.type === "succeeded" && line.result.message.usage.service_tier).toBe("batch");
    }
  });

  it("answers a request whose params a live call would refuse as that request's errored result, the others as usual", async () => {
    const wrongModel = { custom_id: "wrong-model", params: { ...request("x").params, model: "claude-sonnet-9-9" } };
    const effortless = { custom_id: "no-effort", params: { ...request("x").params, model: "claude-haiku-4-5", output_config: { effort: "low" as const } } };
    const withTemperature = { custom_id: "temperature", params: { ...request("x").params, temperature: 0 } as typeof wrongModel.params };
    const created = await client.messages.batches.create({ requests: [request("fine"), wrongModel, effortless, withTemperature] });
    await client.messages.batches.retrieve(created.id);
    expect((await client.messages.batches.retrieve(created.id)).request_counts).toMatchObject({ succeeded: 1, errored: 3 });
    const errors: Record<string, string> = {};
    for await (const line of await client.messages.batches.results(created.id)) {
      if (line.result.type === "errored") errors[line.custom_id] = `${line.result.error.error.type}: ${line.result.error.error.message}`;
    }
    expect(errors["wrong-model"]).toBe("not_found_error: model: claude-sonnet-9-9");
    expect(errors["no-effort"]).toMatch(/^invalid_request_error: .*effort/);
    expect(errors.temperature).toMatch(/^invalid_request_error: .*temperature/);
  });

  it("cancels: canceling with cancel_initiated_at, then ended with every request canceled; an ended batch cannot be cancelled", async () => {
    const created = await create(3);
    const canceling = await client.messages.batches.cancel(created.id);
    expect(canceling.processing_status).toBe("canceling");
    expect(canceling.cancel_initiated_at).not.toBeNull();
    const ended = await client.messages.batches.retrieve(created.id);
    expect(ended).toMatchObject({ processing_status: "ended", request_counts: { processing: 0, succeeded: 0, canceled: 3 } });
    expect(await resultTypes(created.id)).toEqual(["canceled", "canceled", "canceled"]);
    await expect(client.messages.batches.cancel(created.id)).rejects.toBeInstanceOf(BadRequestError);
  });

  it("expires a batch still processing at expires_at, and archives it 29 days after it ended", async () => {
    batches.setEnding(false);
    const created = await create();
    batches.clock.advance(DAY_MS);
    const expired = await client.messages.batches.retrieve(created.id);
    expect(expired).toMatchObject({ processing_status: "ended", ended_at: created.expires_at, request_counts: { expired: 2, processing: 0 } });
    expect(await resultTypes(created.id)).toEqual(["expired", "expired"]);
    batches.clock.advance(29 * DAY_MS);
    const archived = await client.messages.batches.retrieve(created.id);
    expect(archived.results_url).toBeNull();
    expect(archived.archived_at).toBe(new Date(Date.parse(created.expires_at) + 29 * DAY_MS).toISOString());
    await expect(client.messages.batches.results(created.id)).rejects.toThrow(/No batch `results_url`/);
  });

  it("lists newest first in pages with has_more, first_id and last_id, after_id and before_id", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push((await create(1)).id);
    const newestFirst = [...ids].reverse();
    const page = await client.messages.batches.list({ limit: 2 });
    expect(page.data.map((batch) => batch.id)).toEqual(newestFirst.slice(0, 2));
    expect({ has_more: page.has_more, first_id: page.first_id, last_id: page.last_id }).toEqual({ has_more: true, first_id: newestFirst[0], last_id: newestFirst[1] });
    const all: string[] = [];
    for await (const batch of client.messages.batches.list({ limit: 2 })) all.push(batch.id);
    expect(all).toEqual(newestFirst);
    const older = await client.messages.batches.list({ after_id: newestFirst[1], limit: 2 });
    expect(older.data.map((batch) => batch.id)).toEqual(newestFirst.slice(2, 4));
    const newer = await client.messages.batches.list({ before_id: newestFirst[4], limit: 2 });
    expect(newer.data.map((batch) => batch.id)).toEqual(newestFirst.slice(2, 4));
    await expect(client.messages.batches.list({ limit: 0 })).rejects.toBeInstanceOf(BadRequestError);
  });

  it("deletes only ended batches; a deleted one is gone", async () => {
    const created = await create();
    await expect(client.messages.batches.delete(created.id)).rejects.toBeInstanceOf(BadRequestError);
    await client.messages.batches.retrieve(created.id);
    await client.messages.batches.retrieve(created.id);
    expect(await client.messages.batches.delete(created.id)).toEqual({ id: created.id, type: "message_batch_deleted" });
    await expect(client.messages.batches.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers 404 not_found_error for a batch of another workspace and leaves it out of the list", async () => {
    const created = await create();
    batches.switchWorkspace("wrkspc_fake_other");
    const error = await client.messages.batches.retrieve(created.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).error).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    expect((await client.messages.batches.list()).data).toEqual([]);
  });

  it("can store a batch and lose the create's answer", async () => {
    batches.loseNextCreateResponse();
    await expect(create()).rejects.toBeInstanceOf(APIConnectionError);
    expect(batches.batches).toHaveLength(1);
    expect((await client.messages.batches.list()).data.map((batch) => batch.id)).toEqual([batches.batches[0]?.id]);
  });

  it("the provider lists only the batches created since a time, stopping at the first older one", async () => {
    for (let index = 0; index < 3; index++) {
      await create(index + 1);
      batches.clock.advance(3_600_000);
    }
    const provider = createAnthropicProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, model: FAKE_MODEL, effort: "low", timeoutMs: 5_000, maxRetries: 0 });
    const since = new Date(batches.batches[1]?.createdAt ?? 0).toISOString();
    const listed = await provider.batches?.listCreatedSince(since);
    expect(listed?.map((batch) => [batch.id, batch.counts.processing])).toEqual([
      [batches.batches[2]?.id, 3],
      [batches.batches[1]?.id, 2],
    ]);
    expect(fake.requests.filter((recorded) => recorded.method === "GET" && recorded.path.startsWith("/v1/messages/batches?"))).toHaveLength(1);
  });
});
