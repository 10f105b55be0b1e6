// Street addresses and geographic units smaller than a state: street + number, PO boxes, ZIP codes
// and postcodes, a town or village given with a population small enough to single someone out
// (Safe Harbor's threshold for a 3-digit ZIP is 20,000 people), and the town or city a person is
// said to live in. Study sites ("a trial in Melbourne", "clinics in Leeds") pass: a place is
// refused as a person's place only after a residence phrase.
import { mentionsOnePerson } from "./phi-context.ts";
import { matchAt, type PhiMatch } from "./phi-finding.ts";
import { isStateOrCountry, US_STATE_CODES } from "./phi-places.ts";
import type { PhiInput } from "./phi-text.ts";
import { sentenceAt } from "./phi-text.ts";

const STREET_TYPES =
  "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Court|Ct|Close|Crescent|Cres|Way|Place|Pl|Terrace|Gardens|Square|Sq|Highway|Hwy|Parkway|Pkwy|Mews|Grove|Row|Walk";
const STREET_NAME = String.raw`(?:[A-Z][\w'’-]*\s+){1,3}(?:${STREET_TYPES})\b\.?`;
const NUMBERED_STREET = new RegExp(String.raw`\b\d{1,5}[A-Za-z]?,?\s+${STREET_NAME}`, "g");
const UNIT = /\b(?:P\.?\s?O\.?\s?Box|Flat|Apt\.?|Apartment|Suite|Unit)\s+#?\d+[A-Z]?\b/g;
const RESIDENCE = String.raw`\b(?:(?:lives?|living|lived|resides?|residing|stays?|staying|moved|relocated|grew up|was born)\s+(?:on|at|in|to|from|near)|(?:is|was|comes?|came)\s+from)\s+`;
const UNNUMBERED_STREET = new RegExp(RESIDENCE + STREET_NAME, "g");

const ZIP_AFTER_CUE = /\b(?:zip|zip code|zipcode|postal code|post code|postcode)\s*(?:is\s+)?:?\s*(\d{5}(?:-\d{4})?)\b/gi;
const ZIP_AFTER_STATE = new RegExp(String.raw`\b(?:${US_STATE_CODES})\s+(\d{5}(?:-\d{4})?)\b`, "g");
const UK_POSTCODE = /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2})\b/g;
const CA_POSTCODE = /\b[ABCEGHJ-NPRSTVXY]\d[A-Z]\s\d[A-Z]\d\b/g;
const SMALL_PLACE =
  /\b(?:town|village|hamlet|community|settlement|island|parish|township|city|suburb|estate)\s+(?:of|with)\s+(?:a population of\s+)?(?:about|around|only|just|fewer than|under|roughly|some|barely)?\s*(\d[\d,]*)\s*(?:people|residents|inhabitants|souls|persons|households)?/gi;
const SMALL_POPULATION = 20000;
const PLACE_AFTER_RESIDENCE = new RegExp(RESIDENCE + String.raw`((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})`, "g");

export function detectStreetAddresses(input: PhiInput): PhiMatch[] {
  const { plain } = input;
  const findings: PhiMatch[] = [];
  for (const pattern of [NUMBERED_STREET, UNIT, UNNUMBERED_STREET]) {
    for (const m of plain.matchAll(pattern)) {
      if (findings.some((f) => m.index < f.end && f.start < m.index + m[0].length)) continue;
      findings.push(matchAt("street_address", m.index, m.index + m[0].length));
    }
  }
  return findings;
}

export function detectGeographicUnits(input: PhiInput): PhiMatch[] {
  const { plain, view } = input;
  const findings: PhiMatch[] = [];
  const add = (start: number, end: number) => {
    if (!findings.some((f) => f.start === start)) findings.push(matchAt("geographic_unit", start, end));
  };
  for (const pattern of [ZIP_AFTER_CUE, ZIP_AFTER_STATE]) {
    for (const m of plain.matchAll(pattern)) add(m.index, m.index + m[0].length);
  }
  for (const pattern of [UK_POSTCODE, CA_POSTCODE]) {
    for (const m of plain.matchAll(pattern)) add(m.index, m.index + m[0].length);
  }
  for (const m of plain.matchAll(SMALL_PLACE)) {
    const population = Number((m[1] ?? "").replace(/,/g, ""));
    if (population > 0 && population < SMALL_POPULATION) add(m.index, m.index + m[0].length);
  }
  for (const m of plain.matchAll(PLACE_AFTER_RESIDENCE)) {
    const place = m[1] ?? "";
    if (isStateOrCountry(place) || new RegExp(String.raw`^(?:${STREET_NAME})`).test(place)) continue;
    const sentence = sentenceAt(view, m.index);
    const sentenceText = view.text.slice(sentence.start, sentence.end);
    // "lives in" is one person already; "living in"/"moved to" may be a sample ("people living in Leeds").
    if (!/^(?:lives|resides|is from|comes from)/i.test(m[0].trim()) && !mentionsOnePerson(sentenceText)) continue;
    const placeStart = m.index + m[0].length - place.length;
    add(placeStart, m.index + m[0].length);
  }
  return findings;
}
