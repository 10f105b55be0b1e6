import { describe, expect, it } from "vitest";
import { buildExtractiveFigure } from "./extractive-figure.ts";

// The offline figure: an enumeration's heads when a quoted sentence lists the elements, else key
// phrases the sources repeat; nothing when fewer than three spokes can be found.

const ELEMENTS =
  "Wenger, McDermott and Snyder described every community of practice as a combination of three fundamental elements: a domain of knowledge, a community of people who care about that domain, and the shared practice that they develop to be effective in the domain.";

describe("buildExtractiveFigure", () => {
  it("takes the heads of an enumeration after a colon", () => {
    expect(buildExtractiveFigure({ hub: "Communities of Practice", sentences: ["Members meet monthly.", ELEMENTS], sourceTexts: [] })).toEqual({
      kind: "hub",
      center: "Communities of Practice",
      items: ["Domain", "Community", "Shared practice"],
    });
  });

  it("else ranks key phrases by how often the sources use them, one per word, no names", () => {
    const sentences = [
      "Peer consultation groups meet over time and keep a shared practice.",
      "Clinical supervision builds on reflective practice and peer consultation with Jean Lave.",
      "Case discussion follows an agreed structure.",
    ];
    const sourceTexts = [
      "Peer consultation helps. Shared practice grows. Clinical supervision matters. Case discussion again.",
      "peer consultation, shared practice, clinical supervision, case discussion, agreed structure",
      "Reflective practice once. Jean Lave twice, Jean Lave.",
    ];
    expect(buildExtractiveFigure({ hub: "Peer Learning", sentences, sourceTexts })?.items).toEqual(["Peer consultation", "Shared practice", "Clinical supervision", "Case discussion"]);
  });

  it("else takes the article's short key terms, most used first, leaving out the hub and long terms", () => {
    const keyTerms = ["Sleep diary", "Stimulus control", "Insomnia", "A very long glossary term of many words", "Sleep restriction", "Sleep efficiency"];
    const sourceTexts = ["Stimulus control and sleep restriction. Sleep restriction again; sleep efficiency, sleep efficiency, sleep efficiency."];
    expect(buildExtractiveFigure({ hub: "Insomnia", sentences: ["Worry keeps the person awake."], sourceTexts, keyTerms })).toEqual({
      kind: "hub",
      center: "Insomnia",
      items: ["Sleep efficiency", "Sleep restriction", "Stimulus control", "Sleep diary"],
    });
    expect(buildExtractiveFigure({ hub: "Insomnia", sentences: ["Worry keeps the person awake."], sourceTexts, keyTerms: keyTerms.slice(0, 3) })).toBeUndefined();
  });

  it("makes no figure from fewer than three spokes", () => {
    expect(buildExtractiveFigure({ hub: "X", sentences: ["Peer consultation keeps a shared practice alive."], sourceTexts: ["peer consultation shared practice peer consultation shared practice"] })).toBeUndefined();
    expect(buildExtractiveFigure({ hub: "X", sentences: [], sourceTexts: [] })).toBeUndefined();
  });

  it("refuses an enumeration whose items are not short labels", () => {
    const long = "The approach has three parts: people wanting structured mutual learning, regular meetings, and notes.";
    expect(buildExtractiveFigure({ hub: "X", sentences: [long], sourceTexts: [] })).toBeUndefined();
  });
});
