import Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeAnthropic, type FakeAnthropic } from "./helpers/fake-anthropic.ts";
import { DEFAULT_THINKING_TOKENS } from "./helpers/fake-thinking.ts";

// The strict fake answers as a thinking model does, seen through the real SDK: a signed thinking
// block before the text, thinking tokens in output_tokens (and output_tokens_details) and against
// max_tokens, so a small budget is cut at max_tokens with the text truncated.

const fakes: FakeAnthropic[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function clientFor(options: { thinkingTokens?: number } = {}): Promise<{ fake: FakeAnthropic; client: Anthropic }> {
  const fake = await startFakeAnthropic(options);
  fakes.push(fake);
  return { fake, client: new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0 }) };
}

const ANSWER = { verdict: "supported", reason: "the passage states it", supporting_span: "as stated" };
const ANSWER_TEXT = JSON.stringify(ANSWER);

function request(overrides: Partial<MessageCreateParamsNonStreaming> = {}): MessageCreateParamsNonStreaming {
  return { model: "claude-sonnet-5-5", max_tokens: 8_000, messages: [{ role: "user", content: "Judge this." }], ...overrides };
}

describe("thinking answers", () => {
  it("a model that thinks by default answers with a signed thinking block first, counted in output_tokens", async () => {
    const { fake, client } = await clientFor();
    fake.script({ kind: "message", content: ANSWER, usage: { output_tokens: 40 } });
    const message = await client.messages.create(request({ output_config: { effort: "medium" } }));
    expect(message.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    const [thinking, text] = message.content;
    expect(thinking?.type === "thinking" && thinking.signature.length > 20).toBe(true);
    expect(text?.type === "text" ? text.text : "").toBe(ANSWER_TEXT);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.output_tokens).toBe(DEFAULT_THINKING_TOKENS + 40);
    expect(message.usage.output_tokens_details).toEqual({ thinking_tokens: DEFAULT_THINKING_TOKENS });
  });

  it("scales thinking with effort, the model's default effort when none is sent (high on Sonnet 5.5)", async () => {
    const { fake, client } = await clientFor({ thinkingTokens: 900 });
    fake.setResponder(() => ({ kind: "message", content: ANSWER, usage: { output_tokens: 40 } }));
    const thinkingOf = async (params: MessageCreateParamsNonStreaming) => (await client.messages.create(params)).usage.output_tokens_details?.thinking_tokens;
    expect(await thinkingOf(request({ output_config: { effort: "low" } }))).toBe(300);
    expect(await thinkingOf(request({ output_config: { effort: "max" } }))).toBe(3_600);
    expect(await thinkingOf(request())).toBe(1_800);
    expect(await thinkingOf(request({ model: "claude-opus-5-5" }))).toBe(900);
  });

  it("no thinking block when thinking is off, or on a model that does not think by default", async () => {
    const { fake, client } = await clientFor();
    fake.setResponder(() => ({ kind: "message", content: ANSWER, usage: { output_tokens: 40 } }));
    for (const params of [request({ thinking: { type: "disabled" } }), request({ model: "claude-sonnet-5" })]) {
      const message = await client.messages.create(params);
      expect(message.content.map((block) => block.type)).toEqual(["text"]);
      expect(message.usage.output_tokens).toBe(40);
      expect(message.usage.output_tokens_details).toBeNull();
    }
    const asked = await client.messages.create(request({ model: "claude-sonnet-5", thinking: { type: "adaptive" } }));
    expect(asked.content.map((block) => block.type)).toEqual(["thinking", "text"]);
  });

  it("cuts the answer at max_tokens when thinking and answer do not fit: a 1,024-token judge budget", async () => {
    const { fake, client } = await clientFor({ thinkingTokens: 800 });
    fake.script({ kind: "message", content: ANSWER, usage: { output_tokens: 400 } });
    const message = await client.messages.create(request({ max_tokens: 1_024, output_config: { effort: "medium" } }));
    expect(message.stop_reason).toBe("max_tokens");
    expect(message.usage.output_tokens).toBe(1_024);
    expect(message.usage.output_tokens_details).toEqual({ thinking_tokens: 800 });
    const text = message.content.find((block) => block.type === "text");
    const cut = text?.type === "text" ? text.text : "";
    expect(ANSWER_TEXT.startsWith(cut) && cut.length < ANSWER_TEXT.length).toBe(true);
    expect(() => JSON.parse(cut) as unknown).toThrow();
  });

  it("thinking that fills max_tokens on its own leaves no text block", async () => {
    const { fake, client } = await clientFor();
    fake.script({ kind: "message", content: ANSWER, usage: { output_tokens: 40 } });
    const message = await client.messages.create(request({ model: "claude-opus-5-5", max_tokens: 1_024 }));
    expect(message.content.map((block) => block.type)).toEqual(["thinking"]);
    expect([message.stop_reason, message.usage.output_tokens, message.usage.output_tokens_details?.thinking_tokens]).toEqual(["max_tokens", 1_024, 1_024]);
  });

  it("manual thinking spends at most its budget_tokens", async () => {
    const { fake, client } = await clientFor({ thinkingTokens: 5_000 });
    fake.script({ kind: "message", content: ANSWER, usage: { output_tokens: 40 } });
    const message = await client.messages.create(request({ model: "claude-sonnet-5", thinking: { type: "enabled", budget_tokens: 2_000 } }));
    expect(message.usage.output_tokens_details?.thinking_tokens).toBe(2_000);
    expect(message.usage.output_tokens).toBe(2_040);
  });
});
