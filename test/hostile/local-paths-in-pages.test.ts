import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { specYaml, writeArticleFixture } from "../helpers/article-fixture.ts";
import { runWikigen } from "../helpers/run-cli.ts";

// Issue 17, item 7: the source list rendered file:///home/.../x.html, the machine's absolute path, in
// the HTML, Markdown and article.json. Pages now name a local source by its path relative to the spec
// (as the spec wrote it), or by its file name when the spec gave an absolute file: URL.

interface Rendered {
  html: string;
  markdown: string;
  json: { sources: { number: number; url: string; error: string | null }[] };
  raw: string;
}

function readOutputs(dir: string): Rendered {
  const folder = path.join(dir, "output", "demo-article");
  const raw = readFileSync(path.join(folder, "article.json"), "utf8");
  return {
    html: readFileSync(path.join(folder, "index.html"), "utf8"),
    markdown: readFileSync(path.join(folder, "index.md"), "utf8"),
    json: JSON.parse(raw) as Rendered["json"],
    raw,
  };
}

describe("rendered pages never show a local source's absolute path", () => {
  it("names sources as the spec wrote them, in generate's output and in a later `wikigen render --publish`", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-local-paths-"));
    writeArticleFixture(dir);
    writeFileSync(path.join(dir, "docs", "three.txt"), "Peer groups meet monthly to discuss cases.\n");
    writeFileSync(
      path.join(dir, "articles", "demo-article.yaml"),
      specYaml("demo-article", [
        { url: "file:../docs/one.txt", title: "Origins of communities of practice", tier: "T1" },
        { url: "file:../docs/missing.txt", title: "A missing handout", tier: "T3" },
        { url: pathToFileURL(path.join(dir, "docs", "three.txt")).href, title: "Absolute", tier: "T2" },
      ]),
    );
    const generated = await runWikigen(["generate", "demo-article"], { cwd: dir });
    expect(generated.code).toBe(2);
    const published = await runWikigen(["render", "demo-article", "--publish", "--allow-undecided"], { cwd: dir });
    expect(published.code).toBe(0);
    for (const outputs of [readOutputs(dir)]) {
      for (const text of [outputs.html, outputs.markdown, outputs.raw]) {
        expect(text).not.toContain(dir);
        expect(text).not.toContain("file:///");
        expect(text).toContain("file:../docs/one.txt");
      }
      expect(outputs.json.sources).toEqual([
        { number: 1, url: "file:../docs/one.txt", error: null, title: "Origins of communities of practice", tier: "T1", snapshot: expect.any(Object) },
        {
          number: 2,
          url: "file:../docs/missing.txt",
          error: "file:../docs/missing.txt: no such file (file:../docs/missing.txt)",
          title: "A missing handout",
          tier: "T3",
          snapshot: null,
        },
        { number: 3, url: "file:three.txt", error: null, title: "Absolute", tier: "T2", snapshot: expect.any(Object) },
      ]);
      // A link to a file on the author's disk means nothing to a reader: local sources are not links.
      expect(outputs.html).not.toMatch(/href="file:/);
      expect(outputs.html).toContain('<span class="source-url">file:../docs/one.txt</span>');
      expect(outputs.markdown).toContain("**Origins of communities of practice.** file:../docs/one.txt. Tier T1.");
    }
  });

  it("elides other absolute paths in a local source's stored error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-local-paths-link-"));
    writeArticleFixture(dir);
    writeFileSync(path.join(dir, "articles", "demo-article.yaml"), specYaml("demo-article", [
      { url: "file:../docs/one.txt", title: "Origins of communities of practice", tier: "T1" },
      { url: "file:../../../../etc/hostname", title: "Outside", tier: "T3" },
    ]));
    rmSync(path.join(dir, "output"), { recursive: true, force: true });
    const generated = await runWikigen(["generate", "demo-article"], { cwd: dir });
    expect(generated.code).toBe(2);
    const outputs = readOutputs(dir);
    expect(outputs.json.sources[1]?.error).toBe("file:../../../../etc/hostname: outside the allowed local roots (…; set paths.local_roots to allow more)");
    for (const text of [outputs.html, outputs.markdown, outputs.raw]) {
      expect(text).not.toContain(dir);
      expect(text).not.toContain("file:///");
    }
  });
});
