// The PHI guard: refuses reader text that carries a HIPAA Safe Harbor identifier, before anything
// of it is stored. findPhi checks free text (a proposed change, a section name, a credit name);
// findPhiInSourceUrls checks the sources list with URL rules only, because a source's address may
// rightly carry an author's name or an article number that free text must not. Detectors live one
// family a file beside this one and all read the same wink-nlp view of the text (phi-text.ts).
import { detectEmails, detectPhones, findEmailSpans } from "./phi-contact.ts";
import { detectAgesOver89, detectOldBirthYears, detectPersonDates } from "./phi-dates.ts";
import { PHI_KIND_LABELS, PHI_KINDS, toFinding, type PhiFinding, type PhiKind, type PhiMatch } from "./phi-finding.ts";
import { detectGeographicUnits, detectStreetAddresses } from "./phi-geography.ts";
import { detectIdentifiers } from "./phi-identifiers.ts";
import { detectPersonNames } from "./phi-names.ts";
import { classifyUrl, detectIpAddresses, detectPhotoFiles, detectUrls, findUrlSpans } from "./phi-network.ts";
import { readPhiText, type PhiInput } from "./phi-text.ts";

export { PHI_KINDS, PHI_KIND_LABELS };
export type { PhiFinding, PhiKind };

/** When two matches cover the same characters, the more specific kind is kept: a number named
 *  "NHS number" is a record number before it is a phone-shaped number, a fax before a phone. */
const SPECIFICITY: PhiKind[] = [
  "ssn",
  "medical_record_number",
  "health_plan_number",
  "account_number",
  "licence_number",
  "vehicle_identifier",
  "device_identifier",
  "fax_number",
  "email_address",
  "photo_link",
  "personal_url",
  "ip_address",
  "age_over_89",
  "person_date",
  "street_address",
  "person_name",
  "geographic_unit",
  "phone_number",
];

/** The text with the given spans replaced by spaces: same length, so offsets still agree. */
function blank(text: string, spans: { start: number; end: number }[]): string {
  let out = "";
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor) continue;
    out += text.slice(cursor, span.start) + " ".repeat(span.end - span.start);
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/** One match per stretch of text: the most specific kind wins where matches overlap. */
function keepMostSpecific(matches: PhiMatch[]): PhiMatch[] {
  const ranked = [...matches].sort((a, b) => SPECIFICITY.indexOf(a.kind) - SPECIFICITY.indexOf(b.kind));
  const kept: PhiMatch[] = [];
  for (const candidate of ranked) {
    if (kept.some((k) => candidate.start < k.end && k.start < candidate.end)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Every identifier found in free text, in text order; empty when the text may be stored.
 *  `currentYear` (default: this year) dates "born in 1930" as an age over 89. */
export function findPhi(text: string, options: { currentYear?: number } = {}): PhiFinding[] {
  if (text.trim() === "") return [];
  const view = readPhiText(text);
  const urls = findUrlSpans(text);
  const emails = findEmailSpans(view);
  const input: PhiInput = { view, plain: blank(text, [...urls, ...emails]) };
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  const matches = [
    ...detectUrls(urls),
    ...detectEmails(emails),
    ...detectIdentifiers(input),
    ...detectPhones(input),
    ...detectIpAddresses(input.plain),
    ...detectPhotoFiles(input),
    ...detectPersonDates(input),
    ...detectAgesOver89(input),
    ...detectOldBirthYears(input, currentYear),
    ...detectStreetAddresses(input),
    ...detectGeographicUnits(input),
    ...detectPersonNames(input),
  ];
  return keepMostSpecific(matches).map((m) => toFinding(text, m));
}

/** Source URLs that identify a person: a profile, a personal page, a photo or a bare IP address.
 *  A published article's address passes whatever names or numbers its path holds. */
export function findPhiInSourceUrls(urls: readonly string[]): PhiFinding[] {
  const findings: PhiFinding[] = [];
  urls.forEach((url) => {
    const kind = classifyUrl(url.trim());
    if (kind !== undefined) findings.push(toFinding(url, { kind, start: 0, end: url.length }));
  });
  return findings;
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** A refusal naming each kind found once, with the first excerpt of each. */
export function describePhiFindings(findings: PhiFinding[]): string {
  if (findings.length === 0) return "no client-identifying information found";
  const firstByKind = new Map<PhiKind, PhiFinding>();
  for (const finding of findings) if (!firstByKind.has(finding.kind)) firstByKind.set(finding.kind, finding);
  const parts = [...firstByKind.values()].map((f) => `${PHI_KIND_LABELS[f.kind]} ("${f.excerpt}")`);
  return `refused: the text contains ${joinAnd(parts)}; remove client-identifying information and submit again`;
}
