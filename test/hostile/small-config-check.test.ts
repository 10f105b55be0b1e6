import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeArticleFixture } from "../helpers/article-fixture.ts";
import { runWikigen } from "../helpers/run-cli.ts";

// Issue 17 item 9, the small things of config, `check` and the offline footer: an empty config file
// named on the command line, a non-numeric WIKIGEN_CONCURRENCY, several config errors at once,
// duplicate ids and evidence-free "supported" verdicts in `check`, and the footer of an article the
// offline extractive provider drafted.

const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

describe("config mistakes", () => {
  it("names an explicitly given empty config file and says the embedded defaults apply", async () => {
    const dir = tempDir("wikigen-empty-config-");
    writeFileSync(path.join(dir, "empty.yaml"), "");
    writeFileSync(path.join(dir, "comments.yaml"), "# nothing set yet\n");
    const file = path.join(dir, "empty.yaml");
    const table = await runWikigen(["config", "--config", "empty.yaml"], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toBe(`config file: ${file} (empty: embedded defaults apply)`);
    expect(table.stdout).not.toContain("(none; embedded defaults)");
    const json = await runWikigen(["config", "--config", "comments.yaml", "--json"], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ file: path.join(dir, "comments.yaml"), fileIsEmpty: true });
    // Without any file the report still says there is none.
    const none = await runWikigen(["config"], { cwd: tempDir("wikigen-no-config-") });
    expect(none.stdout.split("\n")[0]).toBe("config file: (none; embedded defaults)");
  });

  it.each([["abc"], ["0"], ["2.5"]])("quotes WIKIGEN_CONCURRENCY=%j as given, and generate writes nothing", async (value) => {
    const dir = tempDir("wikigen-env-concurrency-");
    writeArticleFixture(dir);
    const expected = `environment WIKIGEN_CONCURRENCY: expected a whole number >= 1, got "${value}"`;
    const config = await runWikigen(["config"], { cwd: dir, env: { WIKIGEN_CONCURRENCY: value } });
    expect(config.code).toBe(1);
    expect(config.stderr).toBe(`wikigen config: ${expected}\n`);
    const generate = await runWikigen(["generate", "demo-article"], { cwd: dir, env: { WIKIGEN_CONCURRENCY: value } });
    expect(generate.code).toBe(1);
    expect(generate.stderr).toBe(`wikigen generate: ${expected}\n`);
    expect(existsSync(path.join(dir, "runs.db"))).toBe(false);
    expect(existsSync(path.join(dir, "output"))).toBe(false);
  });

  it("lists every config error at once, the inverted cascade_band among them, each naming where it came from", async () => {
    const dir = tempDir("wikigen-config-errors-");
    const file = path.join(dir, "wikigen.config.yaml");
    writeFileSync(file, ["fetch:", "  max_byte: 10", "  max_redirects: lots", "verifier:", "  cascade_band: [0.9, 0.1]", "provider:", "  name: openai", ""].join("\n"));
    const run = await runWikigen(["config", "--verifier", "magic"], { cwd: dir, env: { WIKIGEN_CONCURRENCY: "abc", WIKIGEN_MODEL: "" } });
    expect(run.code).toBe(1);
    expect(run.stderr.startsWith("wikigen config: ")).toBe(true);
    expect(run.stderr.replace(/^wikigen config: /, "").split("\n").filter(Boolean).sort()).toEqual(
      [
        `${file}: fetch: unknown key "max_byte"`,
        `${file}: fetch.max_redirects: expected number, got "lots"`,
        `${file}: provider.name: expected extractive|anthropic, got "openai"`,
        `${file}: verifier.cascade_band: expected [low, high] with low <= high`,
        'environment WIKIGEN_CONCURRENCY: expected a whole number >= 1, got "abc"',
        '--verifier: verifier.name: expected offline|llm|cascade, got "magic"',
      ].sort(),
    );
  });

  it("still reports an inverted cascade_band alone with the file and key", async () => {
    const dir = tempDir("wikigen-config-band-");
    writeFileSync(path.join(dir, "band.yaml"), "verifier:\n  cascade_band: [0.7, 0.2]\n");
    const run = await runWikigen(["config", "--config", "band.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`wikigen config: ${path.join(dir, "band.yaml")}: verifier.cascade_band: expected [low, high] with low <= high\n`);
  });
});

interface VerdictLine {
  id: string | number;
  verdict: string;
  score: number;
  reason: string;
  quote_status?: string;
  evidence: { start: number; end: number; text: string } | null;
}

const CHECK_SOURCE = "Peer consultation groups meet monthly.\n\nThey review difficult cases with colleagues.";

async function runCheck(lines: unknown[]): Promise<{ code: number; stderr: string; verdicts: VerdictLine[] }> {
  const dir = tempDir("wikigen-check-hostile-");
  writeFileSync(path.join(dir, "claims.jsonl"), `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
  const run = await runWikigen(["check", "--input", "claims.jsonl"], { cwd: dir });
  return { code: run.code, stderr: run.stderr, verdicts: run.stdout.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as VerdictLine) };
}

describe("wikigen check on hostile claim files", () => {
  it("refuses a repeated id on its own line, naming the line and the id; the first line with that id stays", async () => {
    const { code, stderr, verdicts } = await runCheck([
      { id: "a", claim: "Peer consultation groups meet monthly.", source_text: CHECK_SOURCE },
      { id: "b", claim: "They review difficult cases with colleagues.", source_text: CHECK_SOURCE },
      { id: "a", claim: "Zebras migrate across the savanna every spring.", source_text: CHECK_SOURCE },
      { id: 7, claim: "Peer consultation groups meet monthly.", source_text: CHECK_SOURCE },
      { id: 7, claim: "Peer consultation groups meet monthly.", source_text: CHECK_SOURCE },
      // A number and a string are different JSON ids.
      { id: "7", claim: "Peer consultation groups meet monthly.", source_text: CHECK_SOURCE },
    ]);
    expect(code).toBe(2);
    expect(verdicts.map((line) => [line.id, line.verdict])).toEqual([
      ["a", "supported"],
      ["b", "supported"],
      [7, "supported"],
      ["7", "supported"],
    ]);
    expect(stderr).toContain('claims.jsonl:3: id "a" was already used on line 1; each id must be unique\n');
    expect(stderr).toContain("claims.jsonl:5: id 7 was already used on line 4; each id must be unique\n");
    expect(stderr).toContain("checked 4 claim(s) with offline");
    expect(stderr).toContain("2 malformed");
  });

  it("never calls a claim supported without an evidence span: a claim with nothing to check is not_supported with a reason", async () => {
    const { code, stderr, verdicts } = await runCheck([
      { id: "bare", claim: "It is.", source_text: CHECK_SOURCE },
      { id: "quoted", claim: "It was so.", source_text: CHECK_SOURCE, quote: "Peer consultation groups meet monthly." },
      { id: "dots", claim: "...", source_text: CHECK_SOURCE },
      { id: "real", claim: "Peer consultation groups meet monthly.", source_text: CHECK_SOURCE },
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain("checked 4 claim(s)");
    const byId = new Map(verdicts.map((line) => [line.id, line]));
    for (const id of ["bare", "quoted", "dots"]) {
      expect(byId.get(id)).toMatchObject({ verdict: "not_supported", reason: "no_content: the claim has no word to check against the source" });
      expect(byId.get(id)?.score).toBeLessThan(0.1);
    }
    expect(byId.get("quoted")?.quote_status).toBe("exact");
    expect(byId.get("real")).toMatchObject({ verdict: "supported", reason: "supported", evidence: { text: "Peer consultation groups meet monthly." } });
    for (const line of verdicts) if (line.verdict === "supported") expect(line.evidence).not.toBeNull();
  });
});

describe("the footer of an offline article", () => {
  it("says the extractive provider drafted it offline, with no model and no API, in index.html and index.md", async () => {
    const dir = tempDir("wikigen-offline-footer-");
    writeArticleFixture(dir);
    const run = await runWikigen(["generate", "demo-article"], { cwd: dir });
    expect([0, 3]).toContain(run.code);
    const markdown = readFileSync(path.join(dir, "output", "demo-article", "index.md"), "utf8");
    const html = readFileSync(path.join(dir, "output", "demo-article", "index.html"), "utf8");
    expect(markdown).toContain("- **Model:** extractive-5 (offline extractive provider: source sentences quoted as written; no language model, no API call)\n");
    expect(html).toContain('<dt>Model</dt><dd>extractive-5 <span class="note">(offline extractive provider: source sentences quoted as written; no language model, no API call)</span></dd>');
    for (const page of [markdown, html]) expect(page).not.toContain("reported by the API");
  });
});
