import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ModelRequest } from "./types.ts";
import { buildMessageParams, formatRepairInstruction } from "./anthropic-request.ts";

const outputSchema = z.object({ answer: z.string() });

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    purpose: "judge claim 3",
    system: "Judge the claim.",
    user: [{ text: "sources", isCacheBreakpoint: true }, { text: "claim" }],
    outputSchema,
    maxTokens: 300,
    task: { kind: "judge_claim", claim: "c", passage: "p" },
    ...overrides,
  };
}

/** The body as it goes over the wire (the format helper's parse function is not serialised). */
function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

const schemaJson = {
  type: "json_schema",
  schema: {
    type: "object",
    properties: { answer: { type: "string" } },
    required: ["answer"],
    additionalProperties: false,
  },
};

describe("buildMessageParams", () => {
  it.each([
    {
      name: "plain request: system block, cache_control only on the breakpoint block",
      input: request(),
      expected: {
        model: "claude-test-5",
        max_tokens: 300,
        system: [{ type: "text", text: "Judge the claim." }],
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "sources", cache_control: { type: "ephemeral" } },
              { type: "text", text: "claim" },
            ],
          },
        ],
        output_config: { effort: "low", format: schemaJson },
      },
    },
    {
      name: "empty system prompt is left out, no breakpoint means no cache_control",
      input: request({ system: "", user: [{ text: "only" }] }),
      expected: {
        model: "claude-test-5",
        max_tokens: 300,
        messages: [{ role: "user", content: [{ type: "text", text: "only" }] }],
        output_config: { effort: "low", format: schemaJson },
      },
    },
    {
      name: "repair adds the previous answer and a closing user turn",
      input: request({ user: [{ text: "claim" }], repair: { previousOutput: "{}", problems: ["answer: required"] } }),
      expected: {
        model: "claude-test-5",
        max_tokens: 300,
        system: [{ type: "text", text: "Judge the claim." }],
        messages: [
          { role: "user", content: [{ type: "text", text: "claim" }] },
          { role: "assistant", content: [{ type: "text", text: "{}" }] },
          { role: "user", content: [{ type: "text", text: formatRepairInstruction(["answer: required"]) }] },
        ],
        output_config: { effort: "low", format: schemaJson },
      },
    },
    {
      name: "repair of an empty answer: no blank assistant turn (the API refuses it), the instruction joins the user turn",
      input: request({ user: [{ text: "claim" }], repair: { previousOutput: " \n", problems: ["the answer is not valid JSON"] } }),
      expected: {
        model: "claude-test-5",
        max_tokens: 300,
        system: [{ type: "text", text: "Judge the claim." }],
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "claim" },
              { type: "text", text: formatRepairInstruction(["your previous answer was empty", "the answer is not valid JSON"]) },
            ],
          },
        ],
        output_config: { effort: "low", format: schemaJson },
      },
    },
  ])("$name", ({ input, expected }) => {
    expect(wire(buildMessageParams({ request: input, model: "claude-test-5", effort: "low" }))).toEqual(expected);
  });
});

describe("formatRepairInstruction", () => {
  it.each([
    [["a is missing", "b is wrong"], "- a is missing\n- b is wrong"],
    [[], "- (no details given)"],
  ])("lists %j", (problems, listed) => {
    expect(formatRepairInstruction(problems)).toBe(
      [
        "Your previous answer could not be accepted. Problems found:",
        listed,
        "Return the corrected, complete answer as JSON in the required format: every block and claim, not only the changed ones.",
        "Fix the problems with what the sources say: leave out a sentence they do not support rather than invent one, and if they hold nothing for this section, answer no_source_material where the section allows it.",
      ].join("\n"),
    );
  });
});
