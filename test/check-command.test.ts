import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runWikigen } from "./helpers/run-cli.ts";

const SOURCE = [
  "Jean Lave and Etienne Wenger introduced the term community of practice in 1991.",
  "Their book described apprenticeship among midwives, tailors, quartermasters and butchers.",
  "Evidence that communities of practice improve patient outcomes remains limited.",
].join("\n\n");

describe("wikigen check", () => {
  it("writes one verdict per valid line in input order, reports malformed lines with their number, and exits 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-check-"));
    writeFileSync(path.join(dir, "source.txt"), SOURCE);
    const lines = [
      { id: "a", claim: "Lave and Wenger introduced the term in 1991.", source_file: "source.txt", quote: "Jean Lave and Etienne Wenger introduced the term community of practice in 1991." },
      "{ this is not json",
      { id: "b", claim: "Lave and Wenger introduced the term in 1998.", source_text: SOURCE },
      { id: "c", claim: "Communities of practice cure depression.", source_text: SOURCE, quote: "Communities of practice cure depression." },
      { id: "d", claim: "No source given." },
      { id: "e", claim: "Missing file.", source_file: "nope.txt" },
    ];
    writeFileSync(path.join(dir, "claims.jsonl"), `${lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n")}\n`);
    const run = await runWikigen(["check", "--input", "claims.jsonl", "--output", "verdicts.jsonl"], { cwd: dir });
    expect(run.code).toBe(2);
    const verdicts = readFileSync(path.join(dir, "verdicts.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { id: string; verdict: string; score: number; quote_status?: string; evidence: { start: number; end: number; text: string } | null });
    expect(verdicts.map((verdict) => verdict.id)).toEqual(["a", "b", "c"]);
    expect(verdicts[0]).toMatchObject({ verdict: "supported", quote_status: "exact" });
    expect(SOURCE.slice(verdicts[0]?.evidence?.start, verdicts[0]?.evidence?.end)).toBe(verdicts[0]?.evidence?.text);
    expect(verdicts[1]?.verdict).toBe("not_supported");
    expect(verdicts[2]).toMatchObject({ verdict: "not_supported", quote_status: "not_found" });
    expect(run.stderr).toContain("claims.jsonl:2: invalid JSON");
    expect(run.stderr).toContain("claims.jsonl:5: give exactly one of source_text and source_file");
    expect(run.stderr).toContain("claims.jsonl:6: source_file: cannot read nope.txt (ENOENT)");
    expect(run.stderr).toContain("checked 3 claim(s) with offline");
  });

  it("prints verdicts on stdout without --output and exits 0 when every line was checked", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-check-"));
    writeFileSync(path.join(dir, "claims.jsonl"), `${JSON.stringify({ id: 1, claim: "Evidence about patient outcomes remains limited.", source_text: SOURCE })}\n`);
    const run = await runWikigen(["check", "--input", "claims.jsonl"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 1, verdict: "supported" });
  });

  it("names a missing input file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-check-"));
    const run = await runWikigen(["check", "--input", "missing.jsonl"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("missing.jsonl: cannot read (ENOENT)");
  });
});
