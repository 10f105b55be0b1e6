import { describe, expect, it } from "vitest";
import { toSameOriginPath } from "./same-origin-path.ts";

describe("toSameOriginPath", () => {
  it.each([
    ["/", "/"],
    ["/flags/12?reason=quote_not_found#focus", "/flags/12?reason=quote_not_found#focus"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/ /evil.example", "/"],
    ["/\u2028/evil.example", "/"],
    ["/\u0085/evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["%2F%2Fevil.example", "/"],
    ["", "/"],
    [null, "/"],
    [undefined, "/"],
  ])("%j -> %j", (value, expected) => {
    expect(toSameOriginPath(value)).toBe(expected);
  });
});
