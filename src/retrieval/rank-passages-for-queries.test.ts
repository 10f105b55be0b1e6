import { describe, expect, it } from "vitest";
import type { Passage } from "../domain/passage.ts";
import { rankPassages } from "./rank-passages.ts";
import { rankPassagesForQueries } from "./rank-passages-for-queries.ts";

const passage = (source: number, start: number, text: string): Passage => ({ source, start, end: start + text.length, text, score: 0 });

// Lineage passages: the broad purpose words favour the long history passage; only the query naming
// the second founder finds hers.
const passages: Passage[] = [
  passage(1, 0, "The approach was developed and introduced in 1979, and its history and origin were published widely."),
  passage(1, 120, "Marsha Linehan later trained many clinicians."),
  passage(2, 0, "Session fees and parking."),
  passage(2, 40, "The origin of the name is unclear."),
];
const keyOf = (ranked: Passage[]) => ranked.map((p) => `${p.source}:${p.start}`);

describe("rankPassagesForQueries", () => {
  it("gives each query an equal say: a passage only one spec value matches still ranks near the top", () => {
    const purpose = "developed introduced origin history published";
    // One bag of words: the founder's two terms are outweighed by the purpose's five.
    const single = rankPassages({ passages, query: `${purpose} Marsha Linehan`, topic: "" });
    expect(keyOf(single)[0]).toBe("1:0");
    const fused = rankPassagesForQueries({ passages, queries: [purpose, `Marsha Linehan ${purpose}`] });
    expect(keyOf(fused).slice(0, 2).sort()).toEqual(["1:0", "1:120"]);
    // Nothing shares a term with "fees" queries here, so the parking passage scores 0.
    expect(fused.find((p) => p.start === 0 && p.source === 2)?.score).toBe(0);
  });

  it("with one query ranks as BM25 does, and a query matching nothing adds nothing", () => {
    const one = rankPassagesForQueries({ passages, queries: ["origin history"] });
    const bm25 = rankPassages({ passages, query: "origin history", topic: "" });
    expect(keyOf(one)).toEqual(keyOf(bm25));
    expect(one[0]?.score).toBe(1);
    const withNoise = rankPassagesForQueries({ passages, queries: ["origin history", "zebra"] });
    expect(withNoise.map((p) => p.score)).toEqual(one.map((p) => p.score));
  });

  it("scores every passage 0 for no queries, in reading order, without mutating its input", () => {
    const before = structuredClone(passages);
    const ranked = rankPassagesForQueries({ passages, queries: [] });
    expect(ranked.every((p) => p.score === 0)).toBe(true);
    expect(keyOf(ranked)).toEqual(["1:0", "1:120", "2:0", "2:40"]);
    expect(passages).toEqual(before);
  });
});
