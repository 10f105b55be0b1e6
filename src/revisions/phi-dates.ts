// Dates tied to a person, and ages over 89. Safe Harbor removes every element of a date except the
// year when the date is about an individual (birth, admission, discharge, a session, a death), and
// every age over 89. So: a date with a month or a day (from wink's DATE entities, plus numeric and
// ISO dates) in a sentence about one person is refused; a bare year, a study period ("patients
// admitted between 1 January and 31 March 2020"), a publication or approval date passes. A single
// person's age over 89 is refused; an age band ("aged 90 or older", "over 90", "mean age 91")
// passes, as Safe Harbor allows the 90-or-older category.
import { mentionsOnePerson } from "./phi-context.ts";
import { matchAt, type PhiMatch } from "./phi-finding.ts";
import type { PhiInput } from "./phi-text.ts";
import { sentenceAt } from "./phi-text.ts";

const MONTH = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const NUMERIC_DATE = /(?<![\w./-])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\w./-])/g;
/** "the 3rd of March", "21st August": wink reads some of these as ordinals, not dates. */
const ORDINAL_DATE = new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH.source.slice(2, -2)}\b(?:\s+\d{4})?`, "gi");
/** Birth, death and care events whose date belongs to a person even without "he" or "my client". */
const PERSONAL_DATE_CUE = /\b(?:date of birth|d\.?o\.?b\.?|born|birthday|died|deceased|death)\b/i;

interface DateSpan {
  start: number;
  end: number;
}

function dateSpans(input: PhiInput): DateSpan[] {
  const { view, plain } = input;
  const spans: DateSpan[] = [];
  const add = (start: number, end: number) => {
    if (!spans.some((s) => start < s.end && s.start < end)) spans.push({ start, end });
  };
  for (const m of plain.matchAll(NUMERIC_DATE)) add(m.index, m.index + m[0].length);
  for (const m of plain.matchAll(ORDINAL_DATE)) add(m.index, m.index + m[0].length);
  for (const entity of view.entities) {
    if (entity.type !== "DATE" && entity.type !== "DURATION") continue;
    // A month or day is a date element; a year, a weekday or "last month" alone is not.
    if (!MONTH.test(entity.value) || !/\d/.test(entity.value)) continue;
    if (/\bmay\b/i.test(entity.value) && !/\bmay\s+\d|\d\s+may\b/i.test(entity.value)) continue;
    add(entity.start, entity.end);
  }
  return spans;
}

export function detectPersonDates(input: PhiInput): PhiMatch[] {
  const { view } = input;
  const findings: PhiMatch[] = [];
  for (const span of dateSpans(input)) {
    const sentence = sentenceAt(view, span.start);
    const text = view.text.slice(sentence.start, sentence.end);
    const before = view.text.slice(Math.max(sentence.start, span.start - 30), span.start);
    if (!mentionsOnePerson(text) && !PERSONAL_DATE_CUE.test(before)) continue;
    // A range is a period of time, not one person's day ("from 1 March to 30 June").
    if (/\bbetween\b/i.test(before) && /\band\b/.test(view.text.slice(span.start, span.end + 20))) continue;
    const cue = /\b(?:born|date of birth|d\.?o\.?b\.?)[:\s]*(?:on\s+|in\s+)?$/i.exec(before);
    const start = cue === null ? span.start : span.start - cue[0].length;
    findings.push(matchAt("person_date", start, span.end));
  }
  return findings;
}

const OLDEST_AGE = 125;
/** Expressions of one person's age; group 1 is the number. */
const AGE_PATTERNS: RegExp[] = [
  /\b(\d{2,3})[-\s]years?[-\s]old\b/gi,
  /\b(\d{2,3})\s?(?:yo|y\/o|yrs? old|years of age)\b/gi,
  /\bage[d]?\s*[:=]?\s*(\d{2,3})\b/gi,
  /\b(?:man|woman|person|patient|client|gentleman|lady|resident|widow|widower|veteran) of (\d{2,3})\b/gi,
  /\bturn(?:ed|s|ing)? (\d{2,3})\b/gi,
  /\b(?:he|she|who|[Cc]lient|[Pp]atient|[Hh]usband|[Ww]ife|[Mm]other|[Ff]ather)\s+(?:is|was|is now|was then)\s+(\d{2,3})\b(?!\s*(?:%|mg|kg|cm|percent|points|kilos|pounds|lbs|minutes|hours|days|weeks|months|on|out of|\/))/gi,
  /\b(\d{2,3})(?:st|nd|rd|th) birthday\b/gi,
  // An age in apposition to a name: "Mrs Green, 95, became confused".
  /\p{Lu}[\p{L}'’-]+,\s+(\d{2,3}),\s+(?:who|was|is|has|had|became|presented|lives|lived|died|fell|developed|started|stopped|told|reported)\b/gu,
];
/** Words that make an age a band or a statistic, not a person's age. */
const BAND_BEFORE = /\b(?:over|above|under|below|older than|younger than|at least|more than|less than|mean|median|average|aged between|between|from|ages|range|band|≥|>|<|≤)\s*(?:the\s+)?(?:age\s*(?:of)?\s*)?$/i;
const BAND_AFTER = /^\s*(?:\+|(?:-|–|to|and|or)\s*(?:\d|older|over|above|more|up|under)|years?\s+(?:and|or)\s+(?:older|over|above))/i;

export function detectAgesOver89(input: PhiInput): PhiMatch[] {
  const { plain } = input;
  const findings: PhiMatch[] = [];
  const seen = new Set<number>();
  for (const pattern of AGE_PATTERNS) {
    for (const m of plain.matchAll(pattern)) {
      const age = Number(m[1]);
      if (age <= 89 || age > OLDEST_AGE || seen.has(m.index)) continue;
      const numberAt = m.index + m[0].indexOf(m[1] ?? "");
      const before = plain.slice(Math.max(0, m.index - 25), m.index);
      const after = plain.slice(numberAt + (m[1] ?? "").length, numberAt + (m[1] ?? "").length + 25);
      if (BAND_BEFORE.test(before) || BAND_BEFORE.test(plain.slice(Math.max(0, numberAt - 25), numberAt)) || BAND_AFTER.test(after)) continue;
      // Plural subjects ("participants aged 92 and 95") describe a sample, not one person.
      if (/\b(?:participants|patients|people|adults|residents|clients|women|men)\s*$/i.test(before)) continue;
      seen.add(m.index);
      findings.push(matchAt("age_over_89", m.index, m.index + m[0].length));
    }
  }
  return findings;
}

/** "born in 1930": a birth year says the person is over 89 when it is more than 89 years ago. */
export function detectOldBirthYears(input: PhiInput, currentYear: number): PhiMatch[] {
  const findings: PhiMatch[] = [];
  for (const m of input.plain.matchAll(/\bborn (?:in )?((?:18|19|20)\d\d)\b/gi)) {
    if (currentYear - Number(m[1]) > 89) findings.push(matchAt("age_over_89", m.index, m.index + m[0].length));
  }
  return findings;
}
