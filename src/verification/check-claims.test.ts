import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProviderError } from "../domain/errors.ts";
import { checkClaimsJsonl } from "./check-claims.ts";
import { createOfflineVerifier } from "./offline-verifier.ts";
import type { Verdict, Verifier, VerifyInput } from "./types.ts";

/** Supported exactly when the source contains the claim verbatim; evidence is that span. */
const substringVerifier: Verifier = {
  id: "substring",
  version: "1",
  async verify(input: VerifyInput): Promise<Verdict> {
    const info = { id: "substring", version: "1" };
    if (input.sourceText === null) return { verdict: "unverifiable", score: 0, reason: "source_missing", evidence: null, quote: null, verifier: info };
    const at = input.sourceText.indexOf(input.claim);
    const quoteAt = input.quote === undefined ? -2 : input.sourceText.indexOf(input.quote);
    const quote = quoteAt === -2 ? null : { status: quoteAt >= 0 ? ("exact" as const) : ("not_found" as const), start: quoteAt, end: quoteAt >= 0 ? quoteAt + (input.quote?.length ?? 0) : -1, similarity: quoteAt >= 0 ? 1 : 0 };
    return {
      verdict: at >= 0 ? "supported" : "not_supported",
      score: at >= 0 ? 0.91234 : 0.1,
      reason: at >= 0 ? "supported" : "missing_terms: []",
      evidence: at >= 0 ? { start: at, end: at + input.claim.length, text: input.claim } : null,
      quote,
      verifier: info,
    };
  },
};

function makeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "wikigen-check-"));
  writeFileSync(join(dir, "source.txt"), "Peer consultation groups meet monthly. They review difficult cases.");
  return dir;
}

async function run(inputText: string, verifier: Verifier = substringVerifier): Promise<{ result: { checked: number; malformed: number; failed: number }; lines: unknown[]; problems: string[] }> {
  const lines: unknown[] = [];
  const problems: string[] = [];
  const baseDir = makeDir();
  const result = await checkClaimsJsonl({
    inputText,
    inputName: "claims.jsonl",
    baseDir,
    localRoots: [baseDir],
    verifier,
    writeLine: (line) => lines.push(JSON.parse(line)),
    reportProblem: (message) => problems.push(message),
  });
  return { result, lines, problems };
}

describe("checkClaimsJsonl", () => {
  it("writes one verdict per valid line in input order and reports each malformed line with its number", async () => {
    const input = [
      JSON.stringify({ id: "a", claim: "They review difficult cases.", source_file: "source.txt", quote: "review difficult cases" }),
      "{not json",
      JSON.stringify({ id: "b", claim: "Groups meet weekly.", source_text: "Groups meet monthly." }),
      JSON.stringify({ id: "c", source_text: "x" }),
      "",
      JSON.stringify({ id: "d", claim: "x", source_text: "x", source_file: "source.txt" }),
      JSON.stringify({ id: "e", claim: "x", source_file: "missing.txt" }),
      JSON.stringify({ id: 7, claim: "Nothing to check against.", source_text: null }),
      JSON.stringify({ id: "f", claim: "x" }),
    ].join("\n");
    const { result, lines, problems } = await run(input);
    expect({ result, lines, problems }).toEqual({
      result: { checked: 3, malformed: 5, failed: 0 },
      lines: [
        { id: "a", verdict: "supported", score: 0.9123, reason: "supported", quote_status: "exact", evidence: { start: 39, end: 67, text: "They review difficult cases." } },
        { id: "b", verdict: "not_supported", score: 0.1, reason: "missing_terms: []", evidence: null },
        { id: 7, verdict: "unverifiable", score: 0, reason: "source_missing", evidence: null },
      ],
      problems: [
        expect.stringMatching(/^claims\.jsonl:2: invalid JSON: /),
        expect.stringMatching(/^claims\.jsonl:4: claim: /),
        "claims.jsonl:6: give exactly one of source_text and source_file",
        "claims.jsonl:7: source_file: cannot read missing.txt (ENOENT)",
        "claims.jsonl:9: give exactly one of source_text and source_file",
      ],
    });
  });

  it("checks claims with the offline verifier against a source file resolved from baseDir", async () => {
    const input = [
      JSON.stringify({ id: "ok", claim: "Peer consultation groups meet every month.", source_file: "source.txt" }),
      JSON.stringify({ id: "bad", claim: "Peer consultation groups meet monthly.", source_file: "source.txt", quote: "groups meet every single day" }),
    ].join("\r\n");
    const { result, lines, problems } = await run(input, createOfflineVerifier());
    const summary = (lines as { id: string; verdict: string; quote_status?: string; evidence: { text: string } | null }[]).map((line) => ({
      id: line.id,
      verdict: line.verdict,
      quote_status: line.quote_status,
      evidence: line.evidence?.text,
    }));
    expect({ result, summary, problems }).toEqual({
      result: { checked: 2, malformed: 0, failed: 0 },
      summary: [
        { id: "ok", verdict: "supported", quote_status: undefined, evidence: "Peer consultation groups meet monthly." },
        { id: "bad", verdict: "not_supported", quote_status: "not_found", evidence: "Peer consultation groups meet monthly." },
      ],
      problems: [],
    });
  });
});

describe("checkClaimsJsonl with a judge that fails", () => {
  it("reports the line whose judge call failed and still checks the others", async () => {
    const failing: Verifier = {
      id: "judge",
      version: "1",
      async verify(input: VerifyInput): Promise<Verdict> {
        if (input.claim.startsWith("Boom")) throw new ProviderError({ kind: "overloaded", status: 529, retryable: true, message: "overloaded after 3 attempts" });
        return substringVerifier.verify(input);
      },
    };
    const input = [
      JSON.stringify({ id: "a", claim: "Boom claim.", source_text: "x" }),
      JSON.stringify({ id: "b", claim: "Peer consultation groups meet monthly.", source_text: "Peer consultation groups meet monthly." }),
    ].join("\n");
    const { result, lines, problems } = await run(input, failing);
    expect(result).toEqual({ checked: 1, malformed: 0, failed: 1 });
    expect(lines).toEqual([{ id: "b", verdict: "supported", score: 0.9123, reason: "supported", evidence: { start: 0, end: 38, text: "Peer consultation groups meet monthly." } }]);
    expect(problems).toEqual(["claims.jsonl:1: verifier failed (overloaded): overloaded after 3 attempts"]);
  });
});
