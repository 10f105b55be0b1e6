import { describe, expect, it } from "vitest";
import { SpecError } from "../domain/errors.ts";
import { parseSpec } from "./load-spec.ts";

// watch: and resources: in a spec: http(s) links only, each problem named by its field.

const BASE = `
slug: x
title: Communities of Practice
spec_version: 1
template: clinical-theory
topic: communities of practice
metadata:
  type: Theory
  discipline: [Education]
  evidence_status: Emerging
sources:
  - number: 1
    url: https://example.org/a
    title: Source A
    tier: T1
`;

function parse(extra: string) {
  return parseSpec({ file: "articles/x.yaml", bytes: Buffer.from(BASE + extra) });
}

function errorOf(extra: string): string {
  try {
    parse(extra);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message;
  }
  throw new Error("expected a SpecError");
}

describe("spec page links", () => {
  it("takes one watch entry or a list, and resources with an optional kind", () => {
    const one = parse("watch: { title: Talk, url: 'https://www.youtube.com/watch?v=abc' }\nresources:\n  - { title: Paper, url: 'https://doi.org/10.1/x', kind: reading }\n  - { title: Site, url: 'http://example.org/' }\n");
    expect(one.watch).toEqual({ title: "Talk", url: "https://www.youtube.com/watch?v=abc" });
    expect(one.resources).toEqual([
      { title: "Paper", url: "https://doi.org/10.1/x", kind: "reading" },
      { title: "Site", url: "http://example.org/" },
    ]);
    const list = parse("watch:\n  - { title: A, url: 'https://a.example/' }\n  - { title: B, url: 'https://b.example/' }\n");
    expect(list.watch).toEqual([
      { title: "A", url: "https://a.example/" },
      { title: "B", url: "https://b.example/" },
    ]);
    expect(parse("").watch).toBeUndefined();
  });

  it.each([
    ["a javascript: watch URL", "watch: { title: T, url: 'javascript:alert(1)' }\n", 'articles/x.yaml: watch.url: expected an http(s) URL, got scheme "javascript"'],
    ["a file: URL in a watch list", "watch:\n  - { title: T, url: 'file:///etc/passwd' }\n", 'articles/x.yaml: watch[0].url: expected an http(s) URL, got scheme "file"'],
    ["a relative resource URL", "resources:\n  - { title: T, url: 'https://ok.example/' }\n  - { title: U, url: 'notes/page.html' }\n", 'articles/x.yaml: resources[1].url: expected an absolute http(s) URL, got "notes/page.html"'],
    ["a data: resource URL", "resources:\n  - { title: T, url: 'data:text/html,<script>x</script>' }\n", 'articles/x.yaml: resources[0].url: expected an http(s) URL, got scheme "data"'],
    ["an unknown resource kind", "resources:\n  - { title: T, url: 'https://ok.example/', kind: podcast }\n", 'articles/x.yaml: resources[0].kind: expected video|reading|tool|guideline, got "podcast"'],
    ["an empty title", "resources:\n  - { title: ' ', url: 'https://ok.example/' }\n", "articles/x.yaml: resources[0].title: must not be empty"],
    ["an unknown key", "watch: { title: T, url: 'https://ok.example/', host: x }\n", 'articles/x.yaml: watch: unknown key "host"'],
  ])("refuses %s, naming the field", (_name, extra, expected) => {
    expect(errorOf(extra)).toContain(expected);
  });
});
