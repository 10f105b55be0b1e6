// Email addresses, phone and fax numbers. Emails come from wink (its email tokens and EMAIL
// entities), plus the spelled-out forms people use to dodge scrapers ("kev dot b at hotmail dot
// com", "jlee[at]protonmail.com"). Phone numbers are digit groups of telephone length; a number
// with "fax" just before it is a fax number.
import { matchAt, type PhiMatch } from "./phi-finding.ts";
import type { PhiInput, PhiText } from "./phi-text.ts";

export interface EmailSpan {
  start: number;
  end: number;
}

/** The spelled form must end in a mail domain, so "seen at home" or "at night" never matches. */
const SPELLED_EMAIL =
  /\b[\w.+-]+(?:\s+dot\s+[\w+-]+)*\s*(?:\[at\]|\(at\)|\s+at\s+)\s*[\w-]+(?:\s*(?:\.|\[dot\]|\(dot\)|\s+dot\s+)\s*[\w-]+)*?\s*(?:\.|\[dot\]|\(dot\)|\s+dot\s+)\s*(?:com|net|org|co|uk|io|me|edu|gov|de|fr|au|ca|nz|ie)\b/gi;

export function findEmailSpans(view: PhiText): EmailSpan[] {
  const spans: EmailSpan[] = [];
  for (const token of view.tokens) if (token.type === "email") spans.push({ start: token.start, end: token.end });
  for (const entity of view.entities) {
    if (entity.type === "EMAIL" && !spans.some((s) => s.start === entity.start)) spans.push({ start: entity.start, end: entity.end });
  }
  for (const m of view.text.matchAll(SPELLED_EMAIL)) {
    if (spans.some((s) => m.index < s.end && s.start < m.index + m[0].length)) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

export function detectEmails(spans: EmailSpan[]): PhiMatch[] {
  return spans.map((s) => matchAt("email_address", s.start, s.end));
}

/** Digit groups joined by spaces, hyphens, dots or brackets, optionally with a +country code. */
const PHONE_SHAPE = /(?<![\w.,/+-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}(?![\w.,/-]*\d)|(?<![\w.,/+-])\d{7,13}(?![\w.,/-])/g;
const PHONE_CUE = /\b(?:call|ring|phone|mobile|cell|tel|telephone|text|whatsapp|number|reached|contact|landline|fax)\b[^.\n]{0,30}$/i;
const FAX_CUE = /\bfax\w*\b[^.\n]{0,40}$/i;

function digitCount(value: string): number {
  return value.replace(/\D/g, "").length;
}

/** Shapes that are digit groups but not phone numbers: years and year ranges, ISO dates, decimals. */
function isOtherNumber(value: string): boolean {
  const digits = value.replace(/\D/g, "");
  if (/^(?:19|20)\d\d[\s-](?:19|20)\d\d$/.test(value)) return true;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(value)) return true;
  if (/^\d+\.\d+$/.test(value)) return true;
  return digits.length < 7 || digits.length > 15;
}

export function detectPhones(input: PhiInput): PhiMatch[] {
  const { plain } = input;
  const findings: PhiMatch[] = [];
  for (const m of plain.matchAll(PHONE_SHAPE)) {
    const value = m[0].trim();
    if (isOtherNumber(value)) continue;
    const before = plain.slice(Math.max(0, m.index - 60), m.index);
    const hasSeparator = /[\s().-]/.test(value) || value.startsWith("+");
    // A bare run of digits is a phone only where the text says so; grouped digits are one unless they
    // look like something else (and keyword-named identifiers outrank them in phi-guard).
    if (!hasSeparator && !PHONE_CUE.test(before)) continue;
    if (hasSeparator && digitCount(value) < 7) continue;
    // Page ranges in a reference ("Lancet. 2018;391(10128):1357-1366", "pp. 1234-1240").
    if (/^\d+-\d+$/.test(value) && /(?:[:;)]|\bpp?\.|\bpages?)\s*$/i.test(before)) continue;
    const kind = FAX_CUE.test(before) ? "fax_number" : "phone_number";
    findings.push(matchAt(kind, m.index, m.index + m[0].length));
  }
  return findings;
}
