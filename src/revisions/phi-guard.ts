// The PHI guard's contract (findPhi, describePhiFindings). This minimal version finds email addresses
// and phone numbers only; the full Safe Harbor guard replaces this file.

export type PhiKind = string;

export interface PhiFinding {
  kind: PhiKind;
  excerpt: string;
  index: number;
}

const PATTERNS: { kind: PhiKind; pattern: RegExp }[] = [
  { kind: "email address", pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // North American and international forms: (555) 123-4567, 555-123-4567, +44 20 7946 0958.
  { kind: "phone number", pattern: /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b/g },
];

export function findPhi(text: string): PhiFinding[] {
  const findings: PhiFinding[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) findings.push({ kind, excerpt: match[0], index: match.index ?? 0 });
  }
  return findings.sort((a, b) => a.index - b.index);
}

export function describePhiFindings(findings: PhiFinding[]): string {
  if (findings.length === 0) return "no identifying information found";
  const kinds = [...new Set(findings.map((finding) => finding.kind))];
  return `it contains what looks like identifying information (${kinds.join(", ")}); remove client-identifying details and protected health information and send it again`;
}
