import { describe, expect, it } from "vitest";
import { labelDecision, scoreVerifier, type DecisionLabel, type ScoredPair, type VerifierScore } from "./score-verifier.ts";

const pairs = (spec: { supportedAccepted?: number; supportedFlagged?: number; notAccepted?: number; notFlagged?: number }): ScoredPair[] => [
  ...Array.from({ length: spec.supportedAccepted ?? 0 }, (): ScoredPair => ({ label: "supported", isAccepted: true })),
  ...Array.from({ length: spec.supportedFlagged ?? 0 }, (): ScoredPair => ({ label: "supported", isAccepted: false })),
  ...Array.from({ length: spec.notAccepted ?? 0 }, (): ScoredPair => ({ label: "not_supported", isAccepted: true })),
  ...Array.from({ length: spec.notFlagged ?? 0 }, (): ScoredPair => ({ label: "not_supported", isAccepted: false })),
];

describe("labelDecision", () => {
  it.each<[Parameters<typeof labelDecision>[0], DecisionLabel]>([
    ["approve", { kind: "label", label: "supported" }],
    ["reject", { kind: "label", label: "not_supported" }],
    ["retag", { kind: "label", label: "not_supported" }],
    ["replace_citation", { kind: "excluded", reason: "citation_replaced" }],
    ["edit", { kind: "excluded", reason: "sentence_edited" }],
  ])("%s", (decision, expected) => {
    expect(labelDecision(decision)).toEqual(expected);
  });
});

describe("scoreVerifier", () => {
  it.each<[string, ScoredPair[], VerifierScore]>([
    [
      "a mixed set: 3 true accepts, 1 false flag, 1 false accept, 3 true flags",
      pairs({ supportedAccepted: 3, supportedFlagged: 1, notAccepted: 1, notFlagged: 3 }),
      {
        count: 8,
        matrix: { supported: { accepted: 3, flagged: 1 }, not_supported: { accepted: 1, flagged: 3 } },
        balanced_accuracy: 0.75,
        not_supported_precision: 0.75,
        not_supported_recall: 0.75,
        false_accepts: 1,
      },
    ],
    [
      "a perfect verifier",
      pairs({ supportedAccepted: 2, notFlagged: 1 }),
      {
        count: 3,
        matrix: { supported: { accepted: 2, flagged: 0 }, not_supported: { accepted: 0, flagged: 1 } },
        balanced_accuracy: 1,
        not_supported_precision: 1,
        not_supported_recall: 1,
        false_accepts: 0,
      },
    ],
    [
      "a verifier that accepts everything: no precision (nothing flagged), recall 0",
      pairs({ supportedAccepted: 1, notAccepted: 3 }),
      {
        count: 4,
        matrix: { supported: { accepted: 1, flagged: 0 }, not_supported: { accepted: 3, flagged: 0 } },
        balanced_accuracy: 0.5,
        not_supported_precision: null,
        not_supported_recall: 0,
        false_accepts: 3,
      },
    ],
    [
      "only rejected claims: no balanced accuracy (one class), recall still defined",
      pairs({ notAccepted: 1, notFlagged: 1 }),
      {
        count: 2,
        matrix: { supported: { accepted: 0, flagged: 0 }, not_supported: { accepted: 1, flagged: 1 } },
        balanced_accuracy: null,
        not_supported_precision: 1,
        not_supported_recall: 0.5,
        false_accepts: 1,
      },
    ],
    [
      "only approved claims, all flagged: precision 0, no recall",
      pairs({ supportedFlagged: 2 }),
      {
        count: 2,
        matrix: { supported: { accepted: 0, flagged: 2 }, not_supported: { accepted: 0, flagged: 0 } },
        balanced_accuracy: null,
        not_supported_precision: 0,
        not_supported_recall: null,
        false_accepts: 0,
      },
    ],
    [
      "nothing to score",
      [],
      {
        count: 0,
        matrix: { supported: { accepted: 0, flagged: 0 }, not_supported: { accepted: 0, flagged: 0 } },
        balanced_accuracy: null,
        not_supported_precision: null,
        not_supported_recall: null,
        false_accepts: 0,
      },
    ],
  ])("%s", (_name, input, expected) => {
    expect(scoreVerifier(input)).toEqual(expected);
  });
});
