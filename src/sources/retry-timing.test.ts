import { describe, expect, it } from "vitest";
import { computeBackoff, parseRetryAfter } from "./retry-timing.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    { header: undefined, expected: undefined },
    { header: "1", expected: 1_000 },
    { header: " 120 ", expected: 120_000 },
    { header: "0", expected: 0 },
    { header: "Sun, 01 Mar 2026 12:00:30 GMT", expected: 30_000 },
    { header: "Sun, 01 Mar 2026 11:59:00 GMT", expected: 0 },
    { header: "-5", expected: undefined },
    { header: "1.5", expected: undefined },
    { header: "soon", expected: undefined },
    { header: "Sun, 99 Foo 2026 GMT", expected: undefined },
  ])("$header -> $expected", ({ header, expected }) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });
});

describe("computeBackoff", () => {
  it("doubles per retry, caps at maxMs and jitters within [50%, 100%]", () => {
    const delays = (random: number) =>
      [1, 2, 3, 4, 8].map((retry) => computeBackoff({ retry, baseMs: 100, maxMs: 1_000, random: () => random }));
    expect(delays(0)).toEqual([50, 100, 200, 400, 500]);
    expect(delays(0.999999)).toEqual([100, 200, 400, 800, 1_000]);
  });
});
