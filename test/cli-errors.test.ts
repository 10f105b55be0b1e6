import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/cli/commands/index.ts";
import { writeArticleFixture } from "./helpers/article-fixture.ts";
import { runWikigen } from "./helpers/run-cli.ts";

// What a new user sees on bad input: exit 1, one clear line naming what and where, nothing written.

describe("wikigen on bad input", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "wikigen-cli-"));
  writeArticleFixture(dir);

  it.each([
    [["frobnicate"], 'wikigen: unknown command "frobnicate"'],
    [["generate"], "wikigen generate: expected at least one spec (a path like articles/x.yaml, or a slug)"],
    [["generate", "nosuch"], "wikigen generate: nosuch: no such spec (looked for articles/nosuch.yaml)"],
    [["generate", "articles/nope.yaml"], "wikigen generate: articles/nope.yaml: no such file"],
    [["generate", "demo-article", "--provider", "openai"], 'wikigen generate: --provider: provider.name: expected extractive|anthropic, got "openai"'],
    [["generate", "demo-article", "--verifier", "magic"], 'wikigen generate: --verifier: verifier.name: expected offline|llm|cascade, got "magic"'],
    [["generate", "demo-article", "--concurrency", "zero"], 'wikigen generate: --concurrency: expected a whole number >= 1, got "zero"'],
    [["sources", "demo-article", "--bogus"], "wikigen sources: Unknown option '--bogus'"],
    [["generate", "demo-article", "--config", "missing.yaml"], "missing.yaml: cannot read (ENOENT)"],
  ])("%j", async (args, expected) => {
    const run = await runWikigen(args, { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toContain(expected);
    expect(existsSync(path.join(dir, "runs.db"))).toBe(false);
  });

  it.each(COMMANDS.map((command) => [command.name]))("%s --help prints its usage and options", async (name) => {
    const run = await runWikigen([name, "--help"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: wikigen ${name}`));
    expect(run.stdout).toContain("--config FILE");
  });
});
