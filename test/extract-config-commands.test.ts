import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runWikigen } from "./helpers/run-cli.ts";

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "examples", "communities-of-practice");

describe("wikigen extract", () => {
  it("prints the title and the main text of a page, without its navigation, cookie banner or comments", async () => {
    const run = await runWikigen(["extract", path.join(EXAMPLES, "supervision-peer-consultation.html"), "--json"], { cwd: EXAMPLES });
    expect(run.code).toBe(0);
    const page = JSON.parse(run.stdout) as { title: string; kind: string; charset: string; extractor: { id: string }; text: string };
    expect(page).toMatchObject({ kind: "html", charset: "windows-1252", extractor: { id: "wikigen-html" } });
    expect(page.title).toBe("Learning to Be a Therapist Together: Supervision, Peer Consultation and Communities of Practice");
    expect(page.text).toContain("Jean Lave and Etienne Wenger\u2019s idea of a \u201ccommunity of practice\u201d");
    expect(page.text).not.toMatch(/cookie|Leave a comment|All rights reserved/i);
    expect(page.text.split("\n\n").length).toBeGreaterThan(10);
  });

  it("reads the PDF's text layer and plain text", async () => {
    const pdf = await runWikigen(["extract", "landscapes-of-practice-boundaries.pdf"], { cwd: EXAMPLES });
    expect(pdf.code).toBe(0);
    expect(pdf.stdout).toMatch(/boundar/i);
    const text = await runWikigen(["extract", "cop-starter-handout.txt", "--json"], { cwd: EXAMPLES });
    expect((JSON.parse(text.stdout) as { kind: string }).kind).toBe("text");
  });

  it("names a missing file", async () => {
    const run = await runWikigen(["extract", "nope.html"], { cwd: EXAMPLES });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("nope.html: no such file");
  });
});

describe("wikigen config", () => {
  it("prints every effective value with its origin, and only whether the key is set", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-config-cmd-"));
    writeFileSync(path.join(dir, "wikigen.config.yaml"), "fetch:\n  max_age_days: 7\n");
    const run = await runWikigen(["config", "--json", "--provider", "anthropic"], {
      cwd: dir,
      env: { ANTHROPIC_API_KEY: "sk-ant-secret-value", WIKIGEN_MODEL: "claude-opus-5" },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("sk-ant-secret-value");
    const report = JSON.parse(run.stdout) as { file: string; values: { key: string; value: unknown; origin: string }[]; secrets: { name: string; isSet: boolean }[] };
    const byKey = Object.fromEntries(report.values.map((row) => [row.key, [row.value, row.origin]]));
    expect(byKey["fetch.max_age_days"]).toEqual([7, "file"]);
    expect(byKey["provider.model"]).toEqual(["claude-opus-5", "environment"]);
    expect(byKey["provider.name"]).toEqual(["anthropic", "flag"]);
    expect(byKey["run.concurrency"]).toEqual([4, "default"]);
    expect(report.secrets).toEqual([{ name: "ANTHROPIC_API_KEY", isSet: true }]);
    const table = await runWikigen(["config"], { cwd: dir, env: { ANTHROPIC_API_KEY: "sk-ant-secret-value" } });
    expect(table.stdout).toContain("ANTHROPIC_API_KEY: set (environment; not shown)");
    expect(table.stdout).not.toContain("sk-ant-secret-value");
  });
});
