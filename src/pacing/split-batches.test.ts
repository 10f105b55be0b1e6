import { describe, expect, it } from "vitest";
import { splitIntoBatches, toCustomId } from "./split-batches.ts";

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

describe("splitIntoBatches", () => {
  it.each([
    ["one batch when under both limits", [10, 10, 10], { maxRequests: 5, maxBytes: 1000 }, [[10, 10, 10]]],
    ["by request count", [1, 1, 1, 1, 1], { maxRequests: 2, maxBytes: 1000 }, [[1, 1], [1, 1], [1]]],
    // 16 bytes of envelope: 16 + 40 + 40 = 96 fits in 100, a third 40 does not.
    ["by bytes", [40, 40, 40, 40], { maxRequests: 100, maxBytes: 100 }, [[40, 40], [40, 40]]],
    ["nothing to send", [], { maxRequests: 2, maxBytes: 100 }, []],
  ])("%s", (_name, sizes, limits, expected) => {
    expect(splitIntoBatches(sizes, { ...limits, measure: (size) => size })).toEqual(expected);
  });

  it("refuses a single request larger than a whole batch", () => {
    expect(() => splitIntoBatches([500], { maxRequests: 10, maxBytes: 100, measure: (size) => size })).toThrow("over the 100-byte batch limit");
  });
});

describe("toCustomId", () => {
  it.each([
    [12, "core-principles", 3, "v12-core-principles"],
    [7, "odd id.with/marks", 0, "v7-odd_id_with_marks"],
    [123456, "x".repeat(80), 9, "v123456-p9"],
  ])("version %i, section %s", (version, section, position, expected) => {
    const id = toCustomId(version, section, position);
    expect(id).toBe(expected);
    expect(id).toMatch(CUSTOM_ID);
  });
});
