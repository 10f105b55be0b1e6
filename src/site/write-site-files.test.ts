import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST, writeSiteFiles } from "./write-site-files.ts";

describe("writeSiteFiles", () => {
  it("writes only changed files, removes only files an earlier build wrote, and leaves unchanged ones untouched", async () => {
    const outDir = path.join(mkdtempSync(path.join(tmpdir(), "wikigen-site-write-")), "site");
    const first = await writeSiteFiles({ outDir, named: "--out site", files: new Map([["index.html", "home"], ["articles/a.html", "a"], ["articles/b.html", "b"]]) });
    expect(first).toEqual({ written: ["articles/a.html", "articles/b.html", "index.html"], unchanged: 0, removed: [] });
    const old = new Date("2001-01-01T00:00:00Z");
    utimesSync(path.join(outDir, "index.html"), old, old);
    // A file the user put there, in a folder the site also uses.
    writeFileSync(path.join(outDir, "articles", "mine.html"), "mine");

    const second = await writeSiteFiles({ outDir, named: "--out site", files: new Map<string, string | Uint8Array>([["index.html", "home"], ["articles/a.html", "a2"], ["img/x.bin", new Uint8Array([1, 2])]]) });
    expect(second).toEqual({ written: ["articles/a.html", "img/x.bin"], unchanged: 1, removed: ["articles/b.html"] });
    expect(statSync(path.join(outDir, "index.html")).mtimeMs).toBe(old.getTime());
    expect(readFileSync(path.join(outDir, "articles", "a.html"), "utf8")).toBe("a2");
    expect(existsSync(path.join(outDir, "articles", "b.html"))).toBe(false);
    expect(readFileSync(path.join(outDir, "articles", "mine.html"), "utf8")).toBe("mine");
    expect(JSON.parse(readFileSync(path.join(outDir, MANIFEST), "utf8"))).toEqual({ generator: "wikigen site", files: ["articles/a.html", "img/x.bin", "index.html"] });

    const third = await writeSiteFiles({ outDir, named: "--out site", files: new Map([["index.html", "home"]]) });
    expect(third.removed).toEqual(["articles/a.html", "img/x.bin"]);
    expect(existsSync(path.join(outDir, "img"))).toBe(false);
    expect(existsSync(path.join(outDir, "articles", "mine.html"))).toBe(true);
  });

  it("refuses a folder of files it did not write, and a file, before writing anything", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-site-refuse-"));
    mkdirSync(path.join(dir, "theirs"));
    writeFileSync(path.join(dir, "theirs", "page.html"), "theirs");
    writeFileSync(path.join(dir, "file"), "x");
    await expect(writeSiteFiles({ outDir: path.join(dir, "theirs"), named: "--out theirs", files: new Map([["page.html", "ours"]]) })).rejects.toThrow(
      "--out theirs: " + path.join(dir, "theirs") + " holds files that wikigen site did not write",
    );
    expect(readFileSync(path.join(dir, "theirs", "page.html"), "utf8")).toBe("theirs");
    await expect(writeSiteFiles({ outDir: path.join(dir, "file"), named: "--out file", files: new Map() })).rejects.toThrow("is a file, not a folder");
  });
});
