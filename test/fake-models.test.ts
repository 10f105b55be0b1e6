import Anthropic, { BadRequestError, NotFoundError } from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAnthropic, type FakeAnthropic } from "./helpers/fake-anthropic.ts";
import { findModel, MODEL_CATALOG, toModelInfo } from "./helpers/fake-model-catalog.ts";

// The strict fake's Models API and the model-capability refusals of its Messages API, driven
// through the real SDK: what `client.models.retrieve/list` return, and the status and error body
// the API answers for an unknown model, max_tokens above the model's limit, an effort the model
// does not take, and a thinking type it does not accept.

let fake: FakeAnthropic;
let client: Anthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0, timeout: 10_000 });
});
afterAll(() => fake.close());

const entry = (id: string) => findModel(id) ?? (undefined as never);

function request(overrides: Partial<MessageCreateParamsNonStreaming>): MessageCreateParamsNonStreaming {
  return { model: "claude-sonnet-5-5", max_tokens: 2_000, messages: [{ role: "user", content: "Hello" }], ...overrides };
}

/** The error the SDK throws for `params`, with its status and the body the fake sent. */
async function refusal(params: MessageCreateParamsNonStreaming): Promise<{ status: number | undefined; body: unknown }> {
  try {
    await client.messages.create(params);
  } catch (error) {
    if (error instanceof BadRequestError || error instanceof NotFoundError) return { status: error.status, body: error.error };
    throw error;
  }
  throw new Error("the fake accepted the request");
}

describe("Models API", () => {
  it("retrieves a model as its ModelInfo", async () => {
    const info = await client.models.retrieve("claude-haiku-4-5");
    expect(info).toEqual(toModelInfo(entry("claude-haiku-4-5")));
    expect(info.capabilities?.effort.supported).toBe(false);
  });

  it("answers an unknown model id with 404 not_found_error naming it", async () => {
    const error = await client.models.retrieve("claude-nope-9").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    const notFound = error as NotFoundError;
    expect(notFound.error).toEqual({ type: "error", error: { type: "not_found_error", message: "model: claude-nope-9" }, request_id: notFound.requestID });
    expect(notFound.requestID).toMatch(/^req_/);
  });

  it("lists active and deprecated models newest first, page by page, and retired ones on request", async () => {
    const listed: string[] = [];
    for await (const model of client.models.list({ limit: 3 })) listed.push(model.id);
    const current = [...MODEL_CATALOG].filter((model) => model.lifecycle !== "retired").sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    expect(listed).toEqual(current.map((model) => model.id));
    const first = await client.models.list({ limit: 2 });
    expect({ ids: first.data.map((model) => model.id), has_more: first.has_more, first_id: first.first_id, last_id: first.last_id }).toEqual({
      ids: current.slice(0, 2).map((model) => model.id),
      has_more: true,
      first_id: current[0]?.id,
      last_id: current[1]?.id,
    });
    const retired = await client.models.list({ lifecycle: ["retired"] });
    expect(retired.data.map((model) => model.id)).toEqual(["claude-sonnet-4-5"]);
  });
});

describe("Messages API refusals for the model's capabilities", () => {
  it.each([
    {
      name: "an unknown model: 404 not_found_error",
      params: request({ model: "claude-test-model" }),
      status: 404,
      error: { type: "not_found_error", message: "model: claude-test-model" },
    },
    {
      name: "a retired model: 404 like an unknown one",
      params: request({ model: "claude-sonnet-4-5" }),
      status: 404,
      error: { type: "not_found_error", message: "model: claude-sonnet-4-5" },
    },
    {
      name: "max_tokens above the model's output limit",
      params: request({ model: "claude-haiku-4-5", max_tokens: 64_001 }),
      status: 400,
      error: { type: "invalid_request_error", message: "max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5" },
    },
    {
      name: "effort on a model without the effort capability",
      params: request({ model: "claude-haiku-4-5", output_config: { effort: "low" } }),
      status: 400,
      error: { type: "invalid_request_error", message: "output_config.effort: claude-haiku-4-5 does not support the effort parameter" },
    },
    {
      name: "an effort level the model does not take",
      params: request({ output_config: { effort: "xhigh" } }),
      status: 400,
      error: { type: "invalid_request_error", message: "output_config.effort: 'xhigh' is not supported by claude-sonnet-5-5; supported levels: low, medium, high, max" },
    },
    {
      name: "thinking off on a model that always thinks",
      params: request({ model: "claude-opus-5-5", thinking: { type: "disabled" } }),
      status: 400,
      error: { type: "invalid_request_error", message: "thinking.type: 'disabled' is not supported by claude-opus-5-5; supported types: adaptive" },
    },
    {
      name: "manual thinking on a model that takes only adaptive",
      params: request({ thinking: { type: "enabled", budget_tokens: 1_024 } }),
      status: 400,
      error: { type: "invalid_request_error", message: "thinking.type: 'enabled' is not supported by claude-sonnet-5-5; supported types: adaptive, disabled" },
    },
  ])("$name", async ({ params, status, error }) => {
    const before = fake.requests.length;
    const refused = await refusal(params);
    expect(refused.status).toBe(status);
    const body = refused.body as { request_id: string };
    expect(body).toEqual({ type: "error", error, request_id: body.request_id });
    expect(body.request_id).toMatch(/^req_/);
    expect(fake.requests.length).toBe(before + 1);
  });

  it("takes what the model supports: every effort level it lists, thinking off where allowed, max_tokens at the limit", async () => {
    for (const effort of entry("claude-sonnet-5-5").efforts) {
      const message = await client.messages.create(request({ output_config: { effort }, thinking: { type: "disabled" } }));
      expect(message.stop_reason).toBe("end_turn");
    }
    const atLimit = await client.messages.create(request({ model: "claude-haiku-4-5", max_tokens: 64_000 }));
    expect(atLimit.stop_reason).toBe("end_turn");
  });
});
