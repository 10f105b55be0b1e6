import { describe, expect, it } from "vitest";
import type { OpenFlag } from "../store/flags.ts";
import { certaintyOf, orderFlags, parseOrder } from "./desk-order.ts";

const flagScored = (claimId: number, score: number): OpenFlag => ({ claim_id: claimId, score }) as OpenFlag;

describe("queue order", () => {
  it.each([
    [0.5, 0],
    [0.35, 0.15],
    [0.65, 0.15],
    [0, 0.5],
  ])("certainty of score %d is %d", (score, certainty) => {
    expect(certaintyOf(score)).toBeCloseTo(certainty, 10);
  });

  it("puts the score nearest 0.5 first, keeping queue order on ties", () => {
    const flags = [flagScored(1, 0.1), flagScored(2, 0.4), flagScored(3, 0.6), flagScored(4, 0.0), flagScored(5, 0.52)];
    expect(orderFlags(flags, "uncertain").map((flag) => flag.claim_id)).toEqual([5, 2, 3, 1, 4]);
    expect(orderFlags(flags, "queue").map((flag) => flag.claim_id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads only the orders it knows", () => {
    expect([parseOrder("uncertain"), parseOrder(null), parseOrder("score")]).toEqual(["uncertain", "queue", "queue"]);
  });
});
