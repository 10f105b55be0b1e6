import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rawSnapshotPath, sha256, writeOnce } from "./snapshot-files.ts";

describe("writeOnce", () => {
  it("lets writes of the same content at the same moment all succeed, leaving one file and no temporaries", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-write-once-"));
    const data = Buffer.from("the same page, reached twice");
    const relative = rawSnapshotPath(sha256(data));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => writeOnce(dir, relative, data)));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(readFileSync(path.join(dir, relative), "utf8")).toBe("the same page, reached twice");
    expect(readdirSync(path.dirname(path.join(dir, relative)))).toEqual(["raw"]);
  });
});
