import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { ProviderError } from "../domain/errors.ts";
import { ANTHROPIC_API_VERSION, ANTHROPIC_SDK_VERSION, createAnthropicProvider } from "./anthropic-provider.ts";

describe("anthropic provider provenance", () => {
  it("ANTHROPIC_API_VERSION is the anthropic-version header the installed SDK builds", async () => {
    // buildRequest assembles headers without sending anything; the SDK does not export the value.
    const client = new Anthropic({ apiKey: "sk-unit", baseURL: "http://127.0.0.1:9" });
    const { req } = await client.buildRequest({ method: "post", path: "/v1/messages", body: {} });
    expect(req.headers.get("anthropic-version")).toBe(ANTHROPIC_API_VERSION);
    expect(req.headers.get("authorization")).toBe("Bearer sk-unit");
  });

  it("records the SDK and API versions", () => {
    const provider = createAnthropicProvider({ apiKey: "sk-unit", model: "claude-test-5", effort: "low", timeoutMs: 1_000, maxRetries: 0 });
    expect({ id: provider.id, model: provider.model, versions: provider.versions }).toEqual({
      id: "anthropic",
      model: "claude-test-5",
      versions: { sdk: ANTHROPIC_SDK_VERSION, api: ANTHROPIC_API_VERSION },
    });
    expect(ANTHROPIC_SDK_VERSION).toMatch(/^1\.\d+\.\d+/);
  });

  it.each([undefined, ""])("refuses a missing key (%j) with kind missing_key", (apiKey) => {
    let caught: unknown;
    try {
      createAnthropicProvider({ apiKey, model: "m", effort: "low", timeoutMs: 1_000, maxRetries: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderError);
    const { kind, message, retryable } = caught as ProviderError;
    expect({ kind, message, retryable }).toEqual({
      kind: "missing_key",
      message: "ANTHROPIC_API_KEY is not set; set it or use --provider extractive",
      retryable: false,
    });
  });
});
