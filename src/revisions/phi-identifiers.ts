// Record, account, licence, vehicle and device numbers. Most are recognised by the words that
// name them ("MRN", "policy number", "serial no.") followed by a value with digits in it; a few
// have a shape of their own that is enough alone (a US SSN 123-45-6789, a UK National Insurance
// number, a MAC address). Trial registrations, PMIDs, DOIs and scale names (PHQ-9, NCT01234567)
// have no such cue word and pass.
import { matchAt, type PhiMatch, type PhiKind } from "./phi-finding.ts";
import type { PhiInput } from "./phi-text.ts";

interface Cue {
  kind: PhiKind;
  pattern: RegExp;
}

const NUMBER_WORD = String.raw`(?:\s*(?:number|no\.?|num\.?|#|id|identifier|code|pin))?`;

/** Ordered: the first cue that claims a value wins, so "licence plate" is a vehicle before "licence" is a licence. */
const CUES: Cue[] = [
  { kind: "vehicle_identifier", pattern: new RegExp(String.raw`\b(?:licen[cs]e plate|number plate|registration plate|plate|vin|vehicle identification number|car registration|vehicle registration)${NUMBER_WORD}`, "gi") },
  { kind: "ssn", pattern: new RegExp(String.raw`\b(?:ssn|social security|national insurance|ni number|nino|social insurance|sin number)${NUMBER_WORD}`, "gi") },
  { kind: "medical_record_number", pattern: new RegExp(String.raw`\b(?:mrn|medical record|health record|patient record|record|hospital|chart|case|nhs|chi|patient|unit|ehr|emr)(?:\s*(?:number|no\.?|num\.?|#|id))|\bmrn\b`, "gi") },
  { kind: "health_plan_number", pattern: new RegExp(String.raw`\b(?:medicare|medicaid|insurance|insurer|policy|member|subscriber|beneficiary|health plan|plan|group|claim)(?:\s+member)?(?:\s*(?:number|no\.?|num\.?|#|id|identifier))`, "gi") },
  { kind: "account_number", pattern: new RegExp(String.raw`\b(?:bank account|billing account|account|acct\.?|iban|sort code|routing|card|credit card|debit card)${NUMBER_WORD}`, "gi") },
  { kind: "licence_number", pattern: new RegExp(String.raw`\b(?:(?:driver'?s|driving)\s+licen[cs]e|licen[cs]e|certificate|registration|gmc|nmc|hcpc|npi|dea|ahpra|practitioner|provider|badge)(?!\s+plate)${NUMBER_WORD}`, "gi") },
  { kind: "device_identifier", pattern: new RegExp(String.raw`\b(?:serial|s\/n|imei|udi|device|mac address|meid|esn)${NUMBER_WORD}`, "gi") },
];

/** The value after a cue: an optional "is"/":" and then groups of letters and digits, with digits somewhere. */
const VALUE = /^[\s:#=.,-]*(?:(?:for|of|on)\s+(?:my|the|his|her|this|our|their)\s+(?:[\w-]+(?:'s)?\s+){1,3}?(?:is|was)\s+)?(?:(?:is|was|of|reads|ending in)\s+)?[:#]?\s*((?:[A-Z0-9][A-Z0-9/-]*)(?:[ ](?:[A-Z0-9][A-Z0-9/-]*))*)/i;

function valueAfter(plain: string, from: number): { start: number; end: number } | undefined {
  const rest = plain.slice(from, from + 60);
  const m = VALUE.exec(rest);
  if (m === null || m[1] === undefined) return undefined;
  // Keep groups while they hold a digit or are short capitals (QQ 12 34 56 C, AB12 CDE); stop at a word.
  const groups = m[1].split(" ");
  const kept: string[] = [];
  for (const group of groups) {
    const isPart = /\d/.test(group) || (/^[A-Z]{1,4}$/.test(group) && kept.length < 6);
    if (!isPart) break;
    kept.push(group);
  }
  while (kept.length > 0 && !/\d/.test(kept[kept.length - 1] ?? "") && !UK_PLATE.test(kept.join(" "))) kept.pop();
  const value = kept.join(" ").replace(/[-/]+$/, "");
  if ((value.match(/\d/g) ?? []).length < 3 && !UK_PLATE.test(value)) return undefined;
  const start = from + m[0].length - m[1].length;
  return { start, end: start + value.length };
}

const UK_PLATE = /^[A-Z]{2}\d{2} ?[A-Z]{3}$/;

const SHAPES: Cue[] = [
  { kind: "ssn", pattern: /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g },
  { kind: "ssn", pattern: /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g },
  { kind: "device_identifier", pattern: /(?<![\w:])(?:[0-9A-F]{2}[:-]){5}[0-9A-F]{2}(?![\w:])/gi },
  { kind: "vehicle_identifier", pattern: /\b[A-HJ-NPR-Z0-9]{17}\b/g },
];

export function detectIdentifiers(input: PhiInput): PhiMatch[] {
  const { plain } = input;
  const findings: PhiMatch[] = [];
  const claimed: { start: number; end: number }[] = [];
  const overlaps = (start: number, end: number) => claimed.some((c) => start < c.end && c.start < end);
  for (const cue of CUES) {
    for (const m of plain.matchAll(cue.pattern)) {
      const value = valueAfter(plain, m.index + m[0].length);
      if (value === undefined || overlaps(value.start, value.end)) continue;
      claimed.push(value);
      // "registration AB12 CDE" is a car: a UK plate shape after a licence-like cue.
      const kind = cue.kind === "licence_number" && UK_PLATE.test(plain.slice(value.start, value.end)) ? "vehicle_identifier" : cue.kind;
      findings.push(matchAt(kind, value.start, value.end));
    }
  }
  for (const shape of SHAPES) {
    for (const m of plain.matchAll(shape.pattern)) {
      const end = m.index + m[0].length;
      // A VIN has letters and digits mixed; a 17-character run of one kind is something else.
      if (shape.kind === "vehicle_identifier" && !(/[A-Z]/.test(m[0]) && /\d/.test(m[0]))) continue;
      if (overlaps(m.index, end)) continue;
      claimed.push({ start: m.index, end });
      findings.push(matchAt(shape.kind, m.index, end));
    }
  }
  return findings;
}
