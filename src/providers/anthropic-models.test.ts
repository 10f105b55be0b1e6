import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import { describe, expect, it } from "vitest";
import { findModel, toModelInfo } from "../../test/helpers/fake-model-catalog.ts";
import { findSettingProblems, noteSettings, requestSettingsFor, summarizeProfile, toModelProfile, type ModelProfile } from "./anthropic-models.ts";

function profileOf(id: string): ModelProfile {
  const entry = findModel(id);
  if (!entry) throw new Error(`no catalog entry ${id}`);
  return toModelProfile(toModelInfo(entry));
}

describe("toModelProfile", () => {
  it("reads the capabilities wikigen checks from a ModelInfo", () => {
    expect(profileOf("claude-sonnet-5-5")).toEqual({
      id: "claude-sonnet-5-5",
      displayName: "Claude Sonnet 5.5",
      lifecycle: "active",
      retiresAt: null,
      maxInputTokens: 1_000_000,
      maxTokens: 128_000,
      efforts: ["low", "medium", "high", "max"],
      thinkingTypes: ["adaptive", "disabled"],
      hasStructuredOutputs: true,
      hasBatch: true,
    });
    expect(profileOf("claude-haiku-4-5")).toMatchObject({ efforts: [], thinkingTypes: ["enabled", "disabled"], maxTokens: 64_000 });
  });

  it("keeps unknown capabilities unknown (null), not unsupported", () => {
    const info: ModelInfo = { ...toModelInfo(findModel("claude-opus-5-5") ?? (undefined as never)), capabilities: null };
    expect(toModelProfile(info)).toMatchObject({ efforts: null, thinkingTypes: null, hasStructuredOutputs: null, hasBatch: null });
  });
});

describe("findSettingProblems", () => {
  it.each([
    { name: "a level the model takes", id: "claude-sonnet-5-5", settings: { effort: "max" as const, maxTokens: 8_000 }, problems: [] },
    {
      name: "a level the model lacks",
      id: "claude-sonnet-5-5",
      settings: { effort: "xhigh" as const },
      problems: ['provider.effort "xhigh" is not a level claude-sonnet-5-5 takes (it takes low, medium, high, max)'],
    },
    { name: "no effort capability: nothing to refuse (the effort is left out instead)", id: "claude-haiku-4-5", settings: { effort: "medium" as const }, problems: [] },
    {
      name: "max_tokens above the output limit, named by its setting",
      id: "claude-haiku-4-5",
      settings: { effort: "low" as const, maxTokens: 100_000, maxTokensSetting: "verifier.judge_max_tokens" },
      problems: ["verifier.judge_max_tokens 100000 is above claude-haiku-4-5's output limit of 64000 tokens"],
    },
    {
      name: "a retired model",
      id: "claude-sonnet-4-5",
      settings: { effort: "low" as const },
      problems: ["claude-sonnet-4-5 is retired: the Messages API refuses requests naming it; choose a current model"],
    },
  ])("$name", ({ id, settings, problems }) => {
    expect(findSettingProblems(profileOf(id), settings)).toEqual(problems);
  });

  it("refuses batch on a model without the Message Batches API, and a model without structured outputs", () => {
    const profile: ModelProfile = { ...profileOf("claude-opus-5"), hasBatch: false, hasStructuredOutputs: false };
    expect(findSettingProblems(profile, { effort: "low", isBatch: true })).toEqual([
      "claude-opus-5 has no structured outputs (output_config.format), which every wikigen request needs",
      "claude-opus-5 is not available on the Message Batches API; run without --batch",
    ]);
    expect(findSettingProblems(profile, { effort: "low", isBatch: false })).toHaveLength(1);
  });
});

describe("requestSettingsFor", () => {
  it.each([
    { name: "effort the model takes is sent; thinking left to the model", id: "claude-sonnet-5-5", isThinkingUnneeded: false, expected: { effort: "medium", thinking: undefined } },
    { name: "a judge turns thinking off where the model allows it", id: "claude-sonnet-5-5", isThinkingUnneeded: true, expected: { effort: "medium", thinking: { type: "disabled" } } },
    { name: "a model that always thinks gets no thinking setting", id: "claude-opus-5-5", isThinkingUnneeded: true, expected: { effort: "medium", thinking: undefined } },
    { name: "a model without the effort capability gets no effort", id: "claude-haiku-4-5", isThinkingUnneeded: true, expected: { effort: undefined, thinking: { type: "disabled" } } },
  ])("$name", ({ id, isThinkingUnneeded, expected }) => {
    expect(requestSettingsFor(profileOf(id), { effort: "medium", isThinkingUnneeded })).toEqual(expected);
  });

  it("sends the configured effort and no thinking setting while nothing is known about the model", () => {
    expect(requestSettingsFor(undefined, { effort: "high", isThinkingUnneeded: true })).toEqual({ effort: "high", thinking: undefined });
  });
});

describe("summary and notes", () => {
  it("says in one line what the model takes, and which configured setting is left out", () => {
    const haiku = profileOf("claude-haiku-4-5");
    expect(summarizeProfile(haiku)).toBe(
      "claude-haiku-4-5 (Claude Haiku 4.5, active), context 200,000 tokens, output up to 64,000, effort none, thinking enabled/disabled, structured outputs, batch",
    );
    expect(noteSettings(haiku, { effort: "medium" })).toEqual(["claude-haiku-4-5 takes no effort setting: provider.effort (medium) is not sent"]);
    expect(noteSettings(profileOf("claude-sonnet-5-5"), { effort: "medium" })).toEqual([]);
  });
});
