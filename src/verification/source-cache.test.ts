import { describe, expect, it } from "vitest";
import { createSourceCache } from "./source-cache.ts";

const texts = ["Peer groups met weekly.", "Supervisors joined monthly meetings.", "Trainees kept reflective logs.", "Clinic leads chose the cases."];

describe("createSourceCache", () => {
  it("indexes a text once and hands the same index back, also for an equal string built anew", () => {
    const cache = createSourceCache({ maxSources: 2, maxChars: 1_000 });
    const first = cache.get(texts[0] as string);
    expect(cache.get(["Peer groups", "met weekly."].join(" "))).toBe(first);
    expect(first.index.sentences.map((s) => [...s.stems])).toEqual([["peer", "group", "meet", "week"]]);
    expect(first.quoteSearch.original).toBe(texts[0]);
  });

  it("keeps the most recently used sources and drops the oldest past maxSources", () => {
    const cache = createSourceCache({ maxSources: 2, maxChars: 1_000 });
    const a = cache.get(texts[0] as string);
    const b = cache.get(texts[1] as string);
    expect(cache.get(texts[0] as string)).toBe(a); // a is now the most recent
    cache.get(texts[2] as string); // drops b
    expect(cache.get(texts[0] as string)).toBe(a);
    expect(cache.get(texts[1] as string)).not.toBe(b);
  });

  it("drops sources past maxChars but always keeps the newest", () => {
    const cache = createSourceCache({ maxSources: 10, maxChars: 50 });
    const a = cache.get(texts[0] as string); // 23 chars
    const b = cache.get(texts[1] as string); // 36 chars: 59 in all, a goes
    expect(cache.get(texts[1] as string)).toBe(b);
    expect(cache.get(texts[0] as string)).not.toBe(a);
    const long = "A source longer than the whole budget of characters on its own.";
    const kept = cache.get(long);
    expect(cache.get(long)).toBe(kept);
  });
});
