import { createHash } from "node:crypto";

// A claim's identity across article versions: the normalized sentence, and for each citation the
// cited snapshot's text hash and the normalized quote. A reviewer's decision attaches to this key, so
// it carries over while sentence and source stay the same, and lapses when either changes.

export function normalizeForKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export function claimKeyOf(claim: { text: string; citations: { snapshotTextSha256: string | null; quote: string }[] }): string {
  const parts = [normalizeForKey(claim.text), ...claim.citations.map((citation) => `${citation.snapshotTextSha256 ?? "-"}\u0000${normalizeForKey(citation.quote)}`).sort()];
  return createHash("sha256").update(parts.join("\u0001")).digest("hex").slice(0, 32);
}
