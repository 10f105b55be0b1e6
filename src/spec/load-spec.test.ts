import { describe, expect, it } from "vitest";
import { SpecError } from "../domain/errors.ts";
import { parseSpec, resolveSourceUrl } from "./load-spec.ts";

const VALID = `
slug: x
title: Communities of Practice
spec_version: 2
template: clinical-theory
topic: communities of practice in clinical training
metadata:
  type: Theory
  discipline: [Education]
  evidence_status: Emerging
sources:
  - number: 1
    url: file:docs/a.html
    title: Source A
    tier: T1
  - number: 2
    url: https://example.org/b
    title: Source B
    tier: T2
`;

function errorOf(yaml: string, file = "articles/x.yaml"): string {
  try {
    parseSpec({ file, bytes: Buffer.from(yaml) });
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message;
  }
  throw new Error("expected a SpecError");
}

describe("parseSpec", () => {
  it("accepts a valid spec, fills defaults and resolves file: URLs against the spec folder", () => {
    const spec = parseSpec({ file: "/srv/wiki/articles/x.yaml", bytes: Buffer.from(VALID) });
    expect(spec.metadata).toEqual({ type: "Theory", discipline: ["Education"], evidence_status: "Emerging", populations: [], problems: [], key_figures: [] });
    expect(spec.sources.map((source) => source.resolvedUrl)).toEqual(["file:///srv/wiki/articles/docs/a.html", "https://example.org/b"]);
    expect(spec.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["a tier outside T1-T3", VALID.replace("tier: T2", "tier: T4"), 'articles/x.yaml: sources[1].tier: expected T1|T2|T3, got "T4"'],
    ["an unknown key", VALID.replace("topic:", "colour: blue\ntopic:"), 'articles/x.yaml: unknown key "colour"'],
    ["an unknown nested key", VALID.replace("  type: Theory", "  type: Theory\n  tpye: x"), 'articles/x.yaml: metadata: unknown key "tpye"'],
    ["a missing title", VALID.replace("title: Communities of Practice\n", ""), "articles/x.yaml: title: required (string)"],
    ["a wrong type", VALID.replace("spec_version: 2", "spec_version: two"), 'articles/x.yaml: spec_version: expected number, got "two"'],
    ["a slug with ..", VALID.replace("slug: x", "slug: ../etc"), "articles/x.yaml: slug: expected a safe file name: lower-case letters, digits and dashes"],
    ["a slug with a slash", VALID.replace("slug: x", "slug: a/b"), "articles/x.yaml: slug: expected a safe file name: lower-case letters, digits and dashes"],
    ["a slug that does not match the file", VALID.replace("slug: x", "slug: y"), 'articles/x.yaml: slug: expected "x" to match the file name, got "y"'],
    ["duplicate source numbers", VALID.replace("number: 2", "number: 1"), "articles/x.yaml: sources[1].number: duplicate source number 1 (also sources[0])"],
    ["an unsupported URL scheme", VALID.replace("https://example.org/b", "ftp://example.org/b"), 'articles/x.yaml: sources[1].url: expected an http(s) or file: URL, got scheme "ftp"'],
    ["no sources", VALID.replace(/sources:[\s\S]*/, "sources: []\n"), "articles/x.yaml: sources: an article needs at least one source"],
    ["broken YAML", "slug: [x\n", "articles/x.yaml: line 2, column 1: invalid YAML"],
    ["a duplicate key", VALID.replace("topic:", "title: again\ntopic:"), "articles/x.yaml: line"],
  ])("rejects %s with a message naming file and path", (_name, yaml, expected) => {
    expect(errorOf(yaml)).toContain(expected);
  });

  it("reports every problem, not only the first", () => {
    const message = errorOf(VALID.replace("tier: T1", "tier: T9").replace("tier: T2", "tier: T4"));
    expect(message.split("\n")).toEqual([
      'articles/x.yaml: sources[0].tier: expected T1|T2|T3, got "T9"',
      'articles/x.yaml: sources[1].tier: expected T1|T2|T3, got "T4"',
    ]);
  });
});

describe("resolveSourceUrl", () => {
  it.each([
    ["file:a/b.html", "file:///specs/a/b.html"],
    ["file:../shared/c.txt", "file:///shared/c.txt"],
    ["file:///abs/d.pdf", "file:///abs/d.pdf"],
    ["http://example.org/x?y=1", "http://example.org/x?y=1"],
    ["not a url", { problem: 'expected an http(s) or file: URL, got "not a url"' }],
  ])("%s", (url, expected) => {
    expect(resolveSourceUrl(url, "/specs")).toEqual(expected);
  });
});
