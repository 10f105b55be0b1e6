import Anthropic, { APIError } from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsNonStreaming, Usage } from "@anthropic-ai/sdk/resources/messages";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_MODEL, startFakeAnthropic, type FakeAnthropic } from "./helpers/fake-anthropic.ts";

// The strict fake of the Messages API, driven through the real SDK: each request the real API
// refuses comes back as its 400 (status, error type, message, request id, x-should-retry: false),
// and answers carry the headers and Message shape the SDK's types describe.

let fake: FakeAnthropic;

beforeEach(async () => {
  // Answer shapes without the model's own thinking (fake-thinking.test.ts covers thinking).
  fake = await startFakeAnthropic({ thinkingTokens: 0 });
});
afterEach(async () => {
  await fake.close();
});

const client = (options: { maxRetries?: number } = {}) => new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: options.maxRetries ?? 0, logLevel: "off" });

const BASE = { model: FAKE_MODEL, max_tokens: 256, messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }] };
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: "text", text: value, ...extra });
const ephemeral = (ttl?: "5m" | "1h") => ({ cache_control: ttl ? { type: "ephemeral", ttl } : { type: "ephemeral" } });
const withFormat = (schema: Record<string, unknown>) => ({ ...BASE, output_config: { format: { type: "json_schema", schema } } });
const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
  ...extra,
});

/** Sends a body as is: several of these are bodies the SDK's types rightly refuse to compile. */
async function send(body: Record<string, unknown>, headers: Record<string, string | null> = {}): Promise<APIError> {
  const error = await client()
    .messages.create(body as unknown as MessageCreateParamsNonStreaming, { headers })
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

const REFUSALS: { name: string; body: Record<string, unknown>; headers?: Record<string, string | null>; message: string | RegExp }[] = [
  { name: "no anthropic-version header", body: BASE, headers: { "anthropic-version": null }, message: "anthropic-version: header is required" },
  { name: "an unknown API version", body: BASE, headers: { "anthropic-version": "2099-01-01" }, message: /^anthropic-version: unknown or unsupported version "2099-01-01"/ },
  { name: "no model", body: { max_tokens: 10, messages: BASE.messages }, message: "model: Field required" },
  { name: "no max_tokens", body: { model: FAKE_MODEL, messages: BASE.messages }, message: "max_tokens: Field required" },
  { name: "a fractional max_tokens", body: { ...BASE, max_tokens: 1.5 }, message: "max_tokens: Input should be a valid integer" },
  { name: "a negative max_tokens", body: { ...BASE, max_tokens: -1 }, message: "max_tokens: Input should be greater than or equal to 0" },
  { name: "no messages", body: { model: FAKE_MODEL, max_tokens: 10 }, message: "messages: Field required" },
  { name: "an empty message list", body: { ...BASE, messages: [] }, message: "messages: at least one message is required" },
  { name: "an assistant turn first", body: { ...BASE, messages: [{ role: "assistant", content: "Hi" }, ...BASE.messages] }, message: 'messages: first message must use the "user" role' },
  {
    name: "two user turns in a row",
    body: { ...BASE, messages: [...BASE.messages, { role: "user", content: "Again" }] },
    message: 'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
  },
  { name: "an unknown role", body: { ...BASE, messages: [{ role: "system", content: "Hi" }] }, message: "messages.0.role: Input should be 'user' or 'assistant'" },
  { name: "an empty text block", body: { ...BASE, messages: [{ role: "user", content: [text("Hi"), text("")] }] }, message: "messages.0.content.1.text: text content blocks must be non-empty" },
  { name: "a whitespace-only text block", body: { ...BASE, messages: [{ role: "user", content: [text(" \n")] }] }, message: "messages.0.content.0.text: text content blocks must contain non-whitespace text" },
  {
    name: "an empty user turn",
    body: { ...BASE, messages: [{ role: "user", content: [] }] },
    message: "messages.0.content: all messages must have non-empty content except for the optional final assistant message",
  },
  { name: "an empty system block", body: { ...BASE, system: [text("")] }, message: "system.0.text: text content blocks must be non-empty" },
  { name: "temperature", body: { ...BASE, temperature: 0 }, message: "temperature: Extra inputs are not permitted" },
  { name: "top_p", body: { ...BASE, top_p: 0.9 }, message: "top_p: Extra inputs are not permitted" },
  { name: "top_k", body: { ...BASE, top_k: 5 }, message: "top_k: Extra inputs are not permitted" },
  {
    name: "five cache breakpoints across tools, system, messages and the top level",
    body: {
      ...BASE,
      tools: [{ name: "lookup", input_schema: { type: "object", properties: {} }, ...ephemeral() }],
      system: [text("You answer.", ephemeral())],
      messages: [{ role: "user", content: [text("a", ephemeral()), text("b", ephemeral())] }],
      cache_control: { type: "ephemeral" },
    },
    message: "A maximum of 4 blocks with cache_control may be provided. Found 5.",
  },
  {
    name: "a 1h breakpoint after a 5m one",
    body: { ...BASE, system: [text("You answer.", ephemeral("5m"))], messages: [{ role: "user", content: [text("a", ephemeral("1h"))] }] },
    message:
      "messages.0.content.0.cache_control: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.",
  },
  { name: "an unknown cache ttl", body: { ...BASE, messages: [{ role: "user", content: [text("a", { cache_control: { type: "ephemeral", ttl: "10m" } })] }] }, message: "messages.0.content.0.cache_control.ttl: Input should be '5m' or '1h'" },
  { name: "a forced tool (type tool)", body: { ...BASE, tool_choice: { type: "tool", name: "lookup" } }, message: /^tool_choice: forced tool use \(type "tool"\) is not supported/ },
  { name: "a forced tool (type any)", body: { ...BASE, tool_choice: { type: "any" } }, message: /^tool_choice: forced tool use \(type "any"\) is not supported/ },
  {
    name: "citations with structured output",
    body: {
      ...withFormat(object({ answer: { type: "string" } })),
      messages: [{ role: "user", content: [{ type: "document", source: { type: "text", media_type: "text/plain", data: "The sky is blue." }, citations: { enabled: true } }, text("Colour?")] }],
    },
    message: /^output_config\.format: structured outputs cannot be used together with citations/,
  },
  { name: "a format that is not json_schema", body: { ...BASE, output_config: { format: { type: "json", schema: {} } } }, message: "output_config.format.type: Input should be 'json_schema'" },
  {
    name: "an object without additionalProperties",
    body: withFormat({ type: "object", properties: { inner: { type: "object", properties: {} } }, required: ["inner"], additionalProperties: false }),
    message: "output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false (at #/properties/inner)",
  },
  {
    name: "additionalProperties: true",
    body: withFormat(object({}, { additionalProperties: true })),
    message: "output_config.format.schema: For 'object' type, 'additionalProperties' other than false is not supported (at #)",
  },
  { name: "minimum", body: withFormat(object({ n: { type: "integer", minimum: 1 } })), message: "output_config.format.schema: For 'integer' type, property 'minimum' is not supported (at #/properties/n)" },
  { name: "maximum", body: withFormat(object({ n: { type: "number", maximum: 1 } })), message: "output_config.format.schema: For 'number' type, property 'maximum' is not supported (at #/properties/n)" },
  { name: "multipleOf", body: withFormat(object({ n: { type: "number", multipleOf: 2 } })), message: "output_config.format.schema: For 'number' type, property 'multipleOf' is not supported (at #/properties/n)" },
  { name: "minLength", body: withFormat(object({ s: { type: "string", minLength: 1 } })), message: "output_config.format.schema: For 'string' type, property 'minLength' is not supported (at #/properties/s)" },
  { name: "maxLength", body: withFormat(object({ s: { type: "string", maxLength: 9 } })), message: "output_config.format.schema: For 'string' type, property 'maxLength' is not supported (at #/properties/s)" },
  { name: "maxItems", body: withFormat(object({ a: { type: "array", items: { type: "string" }, maxItems: 3 } })), message: "output_config.format.schema: For 'array' type, property 'maxItems' is not supported (at #/properties/a)" },
  {
    name: "minItems above 1",
    body: withFormat(object({ a: { type: "array", items: { type: "string" }, minItems: 2 } })),
    message: "output_config.format.schema: For 'array' type, 'minItems' values other than 0 or 1 are not supported (at #/properties/a)",
  },
  { name: "an unsupported string format", body: withFormat(object({ s: { type: "string", format: "binary" } })), message: "output_config.format.schema: For 'string' type, format 'binary' is not supported (at #/properties/s)" },
  { name: "an enum of objects", body: withFormat(object({ e: { enum: [{ a: 1 }, "b"] } })), message: "output_config.format.schema: enum values must be strings, numbers, booleans or null (at #/properties/e)" },
  { name: "an external $ref", body: withFormat(object({ r: { $ref: "https://example.org/schema.json" } })), message: "output_config.format.schema: External $ref 'https://example.org/schema.json' is not supported (at #/properties/r)" },
  {
    name: "a recursive $ref",
    body: withFormat(object({ root: { $ref: "#/$defs/node" } }, { $defs: { node: object({ children: { type: "array", items: { $ref: "#/$defs/node" } } }) } })),
    message: "output_config.format.schema: Recursive schemas are not supported ($ref '#/$defs/node' refers to a schema that contains it)",
  },
  {
    name: "25 optional properties",
    body: withFormat(object(Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`p${index}`, { type: "string" }])), { required: [] })),
    message: /^output_config\.format\.schema: Schemas contains too many optional parameters \(25\)/,
  },
];

describe("the strict fake refuses what the real API refuses", () => {
  it.each(REFUSALS)("$name: 400 invalid_request_error with the API's message", async ({ body, headers, message }) => {
    const error = await send(body, headers);
    expect(error.status).toBe(400);
    expect(error.type).toBe("invalid_request_error");
    const apiMessage = (error.error as { error: { message: string } }).error.message;
    if (typeof message === "string") expect(apiMessage).toBe(message);
    else expect(apiMessage).toMatch(message);
    expect(error.requestID).toMatch(/^req_/);
    expect(error.error).toMatchObject({ type: "error", request_id: error.requestID });
    expect(error.headers?.get("x-should-retry")).toBe("false");
  });

  it("does not retry a refusal, and keeps a scripted answer for the next valid request", async () => {
    fake.script({ kind: "message", content: "scripted" });
    const error = await client({ maxRetries: 2 })
      .messages.create({ ...BASE, messages: [] } as unknown as MessageCreateParamsNonStreaming)
      .catch((caught: unknown) => caught);
    expect((error as APIError).status).toBe(400);
    expect(fake.requests).toHaveLength(1);
    const message = await client().messages.create(BASE as MessageCreateParamsNonStreaming);
    expect(message.content).toEqual([{ type: "text", text: "scripted", citations: null }]);
  });

  it("accepts what the API accepts: the JSON Schema subset, max_tokens 0, string content, 4 breakpoints 1h before 5m", async () => {
    const schema = object(
      {
        kind: { type: "string", enum: ["a", "b"] },
        when: { type: "string", format: "date-time" },
        tags: { type: "array", items: { type: "string", pattern: "^[a-z]+$" }, minItems: 1 },
        ref: { $ref: "#/$defs/leaf" },
        either: { anyOf: [{ type: "string" }, { type: "null" }] },
        fixed: { const: 3 },
      },
      { $defs: { leaf: object({ id: { type: "integer" } }) } },
    );
    const params = {
      ...withFormat(schema),
      max_tokens: 0,
      tools: [{ name: "lookup", input_schema: { type: "object" as const, properties: {} }, ...ephemeral("1h") }],
      tool_choice: { type: "auto" as const },
      system: [text("You answer.", ephemeral("1h"))],
      messages: [
        { role: "user", content: [text("first", ephemeral("5m"))] },
        { role: "assistant", content: "ok" },
        { role: "user", content: "second" },
      ],
      cache_control: { type: "ephemeral" as const },
    };
    const message = await client().messages.create(params as MessageCreateParamsNonStreaming);
    expect(message.type).toBe("message");
  });
});

// `satisfies Record<keyof T, true>` makes tsc fail when the SDK's type gains or loses a field.
const MESSAGE_FIELDS = {
  id: true,
  type: true,
  role: true,
  model: true,
  content: true,
  container: true,
  diagnostics: true,
  stop_reason: true,
  stop_sequence: true,
  stop_details: true,
  usage: true,
} satisfies Record<keyof Message, true>;
const USAGE_FIELDS = {
  input_tokens: true,
  output_tokens: true,
  cache_creation_input_tokens: true,
  cache_read_input_tokens: true,
  cache_creation: true,
  inference_geo: true,
  output_tokens_details: true,
  server_tool_use: true,
  service_tier: true,
  speed: true,
} satisfies Record<keyof Usage, true>;

describe("the strict fake answers as the real API does", () => {
  it("sends a Message with exactly the SDK type's fields, and a request-id header that names it", async () => {
    fake.script({ kind: "message", content: "Hi there" });
    const { data, request_id, response } = await client().messages.create(BASE as MessageCreateParamsNonStreaming).withResponse();
    expect(Object.keys(data).sort()).toEqual(Object.keys(MESSAGE_FIELDS).sort());
    expect(Object.keys(data.usage).sort()).toEqual(Object.keys(USAGE_FIELDS).sort());
    expect(data.id).toMatch(/^msg_/);
    expect(request_id).toMatch(/^req_/);
    expect(response.headers.get("x-should-retry")).toBeNull();
    expect(data.usage).toEqual({
      input_tokens: 2, // "Hello" is 5 characters, 4 to a token
      output_tokens: 2, // "Hi there" is 8
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: "standard",
      speed: null,
    });
  });

  it.each([
    { status: 429, retry: "true" },
    { status: 500, retry: "true" },
    { status: 503, retry: "true" },
    { status: 529, retry: "true" },
    { status: 400, retry: "false" },
    { status: 403, retry: "false" },
    { status: 404, retry: "false" },
    { status: 409, retry: "false" },
  ])("answers a $status with x-should-retry: $retry, a request-id header and the same id in the body", async ({ status, retry }) => {
    fake.script({ kind: "error", status });
    const error = (await client().messages.create(BASE as MessageCreateParamsNonStreaming).catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(status);
    expect(error.headers?.get("x-should-retry")).toBe(retry);
    expect(error.requestID).toMatch(/^req_/);
    expect(error.error).toMatchObject({ type: "error", request_id: error.requestID });
  });

  it("answers a wrong key with 401 authentication_error and x-should-retry: false", async () => {
    const error = (await new Anthropic({ apiKey: "sk-ant-wrong", baseURL: fake.baseUrl, maxRetries: 0 }).messages
      .create(BASE as MessageCreateParamsNonStreaming)
      .catch((caught: unknown) => caught)) as APIError;
    expect([error.status, error.type, error.headers?.get("x-should-retry")]).toEqual([401, "authentication_error", "false"]);
  });

  it("lets the SDK retry what x-should-retry allows: a 529 then an answer is two requests", async () => {
    fake.script({ kind: "error", status: 529, headers: { "retry-after-ms": "1" } }, { kind: "message", content: "after overload" });
    const message = await client({ maxRetries: 1 }).messages.create(BASE as MessageCreateParamsNonStreaming);
    expect(message.content[0]).toMatchObject({ text: "after overload" });
    expect(fake.requests).toHaveLength(2);
  });
});
