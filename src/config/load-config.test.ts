import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../domain/errors.ts";
import { DEFAULT_CONFIG } from "./config-schema.ts";
import { listEffectiveConfig, loadConfig } from "./load-config.ts";

function configFile(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wikigen-config-"));
  const file = path.join(dir, "wikigen.config.yaml");
  writeFileSync(file, text);
  return file;
}

describe("loadConfig", () => {
  it("uses the embedded defaults when no file exists", async () => {
    const loaded = await loadConfig({ file: undefined, env: {} });
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(new Set(loaded.origins.values())).toEqual(new Set(["default"]));
  });

  it("layers file, environment and flags, and says where each value came from", async () => {
    const file = configFile("fetch:\n  max_bytes: 1000\nprovider:\n  model: claude-opus-5\n");
    const loaded = await loadConfig({
      file,
      env: { WIKIGEN_PROVIDER: "anthropic", ANTHROPIC_BASE_URL: "http://127.0.0.1:9/", ANTHROPIC_API_KEY: "sk-secret" },
      flags: { "provider.model": "claude-haiku-5" },
    });
    const rows = Object.fromEntries(listEffectiveConfig(loaded).map((row) => [row.key, [row.value, row.origin]]));
    expect(rows["fetch.max_bytes"]).toEqual([1000, "file"]);
    expect(rows["fetch.max_redirects"]).toEqual([5, "default"]);
    expect(rows["provider.name"]).toEqual(["anthropic", "environment"]);
    expect(rows["provider.base_url"]).toEqual(["http://127.0.0.1:9/", "environment"]);
    expect(rows["provider.model"]).toEqual(["claude-haiku-5", "flag"]);
    expect(JSON.stringify(listEffectiveConfig(loaded))).not.toContain("sk-secret");
  });

  it.each([
    ["an unknown key", "fetch:\n  max_byte: 10\n", 'fetch: unknown key "max_byte"'],
    ["a wrong type", "fetch:\n  max_bytes: lots\n", 'fetch.max_bytes: expected number, got "lots"'],
    ["an unknown provider", "provider:\n  name: openai\n", 'provider.name: expected extractive|anthropic, got "openai"'],
    ["an incomplete price entry", "prices:\n  my-model:\n    input_per_mtok: 1\n", "prices.my-model.output_per_mtok: required (number)"],
    ["a reversed cascade band", "verifier:\n  cascade_band: [0.9, 0.1]\n", "verifier.cascade_band: expected [low, high] with low <= high"],
    ["a list instead of a mapping", "- a\n- b\n", "expected a mapping of settings"],
    ["a per-minute limit that is neither a number nor account", "run:\n  requests_per_minute: lots\n", 'run.requests_per_minute: expected a whole number >= 1 or "account", got "lots"'],
  ])("rejects %s, naming the file and the key", async (_name, text, expected) => {
    const file = configFile(text);
    const error = await loadConfig({ file, env: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message.split("\n")[0]).toBe(`${file}: ${expected}`);
  });

  it("takes a per-minute limit as a ceiling (a number) or as the account's own (account, the default)", async () => {
    const file = configFile("run:\n  requests_per_minute: 1000\n  input_tokens_per_minute: account\n");
    const rows = Object.fromEntries(listEffectiveConfig(await loadConfig({ file, env: {} })).map((row) => [row.key, [row.value, row.origin]]));
    expect(rows["run.requests_per_minute"]).toEqual([1000, "file"]);
    expect(rows["run.input_tokens_per_minute"]).toEqual(["account", "file"]);
    expect(rows["run.output_tokens_per_minute"]).toEqual(["account", "default"]);
  });

  it("names the environment variable when a bad value came from it", async () => {
    const error = await loadConfig({ file: undefined, env: { WIKIGEN_VERIFIER: "magic" } }).catch((caught: unknown) => caught);
    expect((error as ConfigError).message).toBe('environment WIKIGEN_VERIFIER: verifier.name: expected offline|llm|cascade, got "magic"');
  });

  it("fails when an explicitly named file is missing", async () => {
    const error = await loadConfig({ file: "/nonexistent/wikigen.yaml", env: {} }).catch((caught: unknown) => caught);
    expect((error as ConfigError).message).toBe("/nonexistent/wikigen.yaml: cannot read (ENOENT)");
  });
});
