import { describe, expect, it } from "vitest";
import type { OpenFlag } from "../store/flags.ts";
import { applyFilter, countFacets, filterQuery, parseFilter, reasonPrefix } from "./flag-filters.ts";

function flag(claimId: number, slug: string, section: string, reason: string, verifier = "offline"): OpenFlag {
  return {
    claim_id: claimId,
    claim_key: `k${claimId}`,
    text: `claim ${claimId}`,
    basis: "source",
    block_index: 0,
    claim_index: claimId,
    section_id: section,
    section_title: section,
    section_position: 0,
    slug,
    article_title: slug,
    version: 1,
    article_version_id: 1,
    version_started_at: "2026-11-24T00:00:00.000Z",
    verdict: "not_supported",
    score: 0.1,
    reason,
    verifier_id: verifier,
    verifier_version: "1",
    assignee: null,
  };
}

const FLAGS = [
  flag(1, "a", "summary", "number_mismatch: claim 1998, source 1991"),
  flag(2, "a", "summary", "quote_not_found"),
  flag(3, "a", "evidence-base", "missing_terms: [x]", "cascade"),
  flag(4, "b", "summary", "quote_not_found"),
];

describe("flag filters", () => {
  it.each([
    ["number_mismatch: claim 1998, source 1991", "number_mismatch"],
    ["quote_not_found", "quote_not_found"],
    ["missing_terms: [a, b]", "missing_terms"],
  ])("reason prefix of %j is %j", (reason, prefix) => {
    expect(reasonPrefix(reason)).toBe(prefix);
  });

  it("filters on every active key, by reason prefix", () => {
    expect(applyFilter(FLAGS, { reason: "quote_not_found" }).map((item) => item.claim_id)).toEqual([2, 4]);
    expect(applyFilter(FLAGS, { article: "a", section: "summary" }).map((item) => item.claim_id)).toEqual([1, 2]);
    expect(applyFilter(FLAGS, { verifier: "cascade" }).map((item) => item.claim_id)).toEqual([3]);
    expect(applyFilter(FLAGS, {})).toHaveLength(4);
  });

  it("counts each facet under the other active filters, keeping the chosen value", () => {
    expect(countFacets(FLAGS, { article: "b" })).toEqual({
      article: [
        { value: "a", count: 3 },
        { value: "b", count: 1 },
      ],
      section: [{ value: "summary", count: 1 }],
      reason: [{ value: "quote_not_found", count: 1 }],
      verifier: [{ value: "offline", count: 1 }],
      assignee: [{ value: "(unassigned)", count: 1 }],
    });
    expect(countFacets(FLAGS, { article: "b", reason: "missing_terms" }).reason).toEqual([
      { value: "quote_not_found", count: 1 },
      { value: "missing_terms", count: 0 },
    ]);
  });

  it("filters on the assignee, naming unassigned flags (unassigned)", () => {
    const flags = [{ ...flag(1, "a", "s", "x"), assignee: "alice" }, flag(2, "a", "s", "x"), { ...flag(3, "a", "s", "x"), assignee: "bob" }];
    expect(applyFilter(flags, { assignee: "alice" }).map((item) => item.claim_id)).toEqual([1]);
    expect(applyFilter(flags, { assignee: "(unassigned)" }).map((item) => item.claim_id)).toEqual([2]);
  });

  it("orders least certain first when asked, and carries the order in links", () => {
    const flags = [{ ...flag(1, "a", "s", "x"), score: 0.05 }, { ...flag(2, "a", "s", "x"), score: 0.45 }, { ...flag(3, "a", "s", "x"), score: 0.62 }];
    expect(applyFilter(flags, {}).map((item) => item.claim_id)).toEqual([1, 2, 3]);
    expect(applyFilter(flags, { order: "uncertain" }).map((item) => item.claim_id)).toEqual([2, 3, 1]);
    expect(parseFilter(new URLSearchParams("order=uncertain&assignee=alice"))).toEqual({ assignee: "alice", order: "uncertain" });
    expect(parseFilter(new URLSearchParams("order=bogus"))).toEqual({});
    expect(filterQuery({ reason: "r", order: "uncertain" })).toBe("?reason=r&order=uncertain");
  });

  it("reads and writes filters as query strings", () => {
    const filter = parseFilter(new URLSearchParams("reason=quote_not_found&article=&section=summary&other=x"));
    expect(filter).toEqual({ reason: "quote_not_found", section: "summary" });
    expect(filterQuery(filter, { decided: "7" })).toBe("?section=summary&reason=quote_not_found&decided=7");
    expect(filterQuery({})).toBe("");
  });
});
