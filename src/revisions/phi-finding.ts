// What the PHI guard can find: the HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)) that can
// appear in free text, one kind each, and how each is named in a refusal.

export const PHI_KINDS = [
  "person_name",
  "person_date",
  "age_over_89",
  "phone_number",
  "fax_number",
  "email_address",
  "street_address",
  "geographic_unit",
  "ssn",
  "medical_record_number",
  "health_plan_number",
  "account_number",
  "licence_number",
  "vehicle_identifier",
  "device_identifier",
  "personal_url",
  "ip_address",
  "photo_link",
] as const;

export type PhiKind = (typeof PHI_KINDS)[number];

export interface PhiFinding {
  kind: PhiKind;
  /** The matched text, masked for numbers and addresses so a refusal does not echo the identifier whole. */
  excerpt: string;
  /** Character offset of the match in the text that was checked. */
  index: number;
}

/** How a refusal names each kind ("a phone number", "a date tied to a person"). */
export const PHI_KIND_LABELS: Record<PhiKind, string> = {
  person_name: "a person's name tied to clinical details",
  person_date: "a date tied to a person",
  age_over_89: "an age over 89",
  phone_number: "a phone number",
  fax_number: "a fax number",
  email_address: "an email address",
  street_address: "a street address",
  geographic_unit: "a place smaller than a state (town, ZIP code or postcode)",
  ssn: "a social security or national insurance number",
  medical_record_number: "a medical record number",
  health_plan_number: "a health plan or insurance number",
  account_number: "an account or card number",
  licence_number: "a licence, registration or certificate number",
  vehicle_identifier: "a vehicle identifier (registration plate or VIN)",
  device_identifier: "a device identifier or serial number",
  personal_url: "a web address that identifies a person",
  ip_address: "an IP address",
  photo_link: "a link to a photo of a person",
};

/** Kinds whose excerpt is masked after a few characters: numbers that are the identifier themselves. */
const MASKED_KINDS: ReadonlySet<PhiKind> = new Set<PhiKind>([
  "phone_number",
  "fax_number",
  "email_address",
  "ssn",
  "medical_record_number",
  "health_plan_number",
  "account_number",
  "licence_number",
  "vehicle_identifier",
  "device_identifier",
  "ip_address",
]);

/** A URL's path names the person (a handle, a file name): only the host is shown. */
const URL_KINDS: ReadonlySet<PhiKind> = new Set<PhiKind>(["personal_url", "photo_link"]);

function maskUrl(url: string): string {
  const host = /^(?:https?:\/\/)?[^/?#\s]+/i.exec(url)?.[0] ?? url;
  return host.length < url.length ? `${host}/…` : url;
}

const MAX_EXCERPT = 40;
const MASK_KEEP = 6;

/** What a detector reports: a kind and the characters it covers. The guard turns matches into findings. */
export interface PhiMatch {
  kind: PhiKind;
  start: number;
  end: number;
}

export function matchAt(kind: PhiKind, start: number, end: number): PhiMatch {
  return { kind, start, end };
}

/** A finding for a match, its excerpt shortened (and masked for identifier numbers). */
export function toFinding(text: string, match: PhiMatch): PhiFinding {
  const raw = text.slice(match.start, match.end);
  const matched = raw.trim();
  let excerpt = matched;
  if (URL_KINDS.has(match.kind)) excerpt = maskUrl(matched);
  else if (MASKED_KINDS.has(match.kind) && matched.length > MASK_KEEP + 2) excerpt = `${matched.slice(0, MASK_KEEP)}…`;
  else if (matched.length > MAX_EXCERPT) excerpt = `${matched.slice(0, MAX_EXCERPT)}…`;
  return { kind: match.kind, excerpt, index: match.start + (raw.length - raw.trimStart().length) };
}
