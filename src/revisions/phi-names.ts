// Person names tied to clinical details. wink tags proper nouns (PROPN); a run of capitalised
// proper nouns is a name candidate, and is refused only with positive evidence that it names a
// person the text is about:
//   - a title (Mr, Mrs, Ms, Miss, Mx, Dr) in a sentence with a clinical detail;
//   - a relation just before it ("my client John", "our patient, Tom,", "a client called Rebecca");
//   - a care verb just before it ("treating Maria", "referred David Chen", "saw Laura");
//   - a personal clinical predicate just after it ("Sarah Jenkins presented with", "Tom was admitted");
//   - a possessive with a personal noun ("Emily's anxiety", "Tom's mother");
//   - an age beside it ("Ahmed Khan, 34,").
// Authors and eponyms pass: a name followed by a year or "et al.", a name inside an instrument,
// model or institution name ("Beck Depression Inventory"), a possessive with a theory noun or a
// disease ("Beck's cognitive model", "Parkinson's disease"), and a name doing what authors do
// ("Linehan developed", "according to Bandura").
import { mentionsClinicalDetail } from "./phi-context.ts";
import { matchAt, type PhiMatch } from "./phi-finding.ts";
import type { PhiInput, PhiToken } from "./phi-text.ts";

const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|mister)\.?$/i;
const RELATION =
  /(?:\b(?:my|our|the|a|this|his|her|their|your)|\p{Lu}[\p{L}-]*['’]s)\s+(?:client|patient|service user|resident|son|daughter|husband|wife|partner|mother|father|mum|mom|dad|brother|sister|friend|neighbou?r|colleague|child|grandson|granddaughter|boyfriend|girlfriend|carer|tenant|student|supervisee)\s*(?:,\s*|\s+(?:called|named|known as)\s+)?$|\b(?:client|patient|man|woman|boy|girl|child)\s+(?:called|named|known as)\s+$/iu;
const CARE_VERB =
  /\b(?:treating|treated|treat|saw|seen|seeing|see|referred|refer|referring|assessed|assessing|admitted|discharged|counsell?ed|counsell?ing|diagnosed|sectioned|visited|visiting|met|meet|supporting|supported|working with|work with|worked with|(?:sessions?|appointments?|meetings?|consultations?|therapy|work) with|prescribed \w+ to)\s+$/i;
const PERSONAL_PREDICATE =
  /^\s*(?:,\s*)?(?:has been diagnosed|has a diagnosis|was diagnosed|is diagnosed|presented|presents|was admitted|was discharged|was sectioned|was referred|was seen|was found|was prescribed|was started|is taking|takes|took|has been taking|stopped|started taking|relapsed|disclosed|told me|told us|reported (?:that|hearing|feeling|seeing)|attends|attended|suffers|suffered|struggles|struggled|hears|heard voices|drinks|self-harms|overdosed|died|tried to|attempted|has (?:bipolar|schizophrenia|depression|anxiety|dementia|ocd|ptsd|adhd|autism|psychosis|an eating disorder|cancer|hiv|epilepsy|diabetes|a history)|had (?:a|an) (?:overdose|relapse|breakdown|seizure|episode|admission))\b/i;
const PERSONAL_POSSESSIONS =
  /^(?:'s|’s|')\s+(?:anxiety|depression|mood|symptoms?|diagnosis|medication|meds|family|mother|father|mum|mom|dad|wife|husband|partner|son|daughter|children|therapist|psychiatrist|gp|doctor|illness|condition|recovery|relapse|self-harm|drinking|sessions?|treatment|care|notes|records?|history|case|behaviou?r|psychosis|seizures?|ocd|ptsd|panic|voices|memory|weight|sleep|mental health|suicide|overdose|admission|discharge|referral|file|chart|mania|eating)\b/i;
/** Words that end an instrument, model or institution name containing a surname. */
const NON_PERSON_HEADS = new Set(
  "inventory scale questionnaire test examination index interview checklist assessment model therapy programme program trial study survey clinic hospital university college institute foundation trust service services centre center society association organization organisation lifeline registry disease syndrome disorder manual review guideline act law permanente therapies method technique cycle theory criteria cohort group team unit ward press journal library laboratory school".split(
    " ",
  ),
);
const AUTHOR_AFTER = /^\s*(?:\(\s*(?:\d{4}|in press|n\.d\.)|,\s*\d{4}|et al\b|and colleagues\b|&|and\s+[A-Z][\w'’-]+\s*\(\d{4}|(?:and\s+[A-Z][\w'’-]+,?\s*)+\(\d{4}|\s*(?:first\s+)?(?:argued|proposed|described|developed|introduced|wrote|found|showed|suggested|defined|coined|emphasi[sz]ed|adapted|published|distinguished|theori[sz]ed|observed|noted|reported that|identified|outlined|conceptuali[sz]ed|pioneered|founded|created|designed|demonstrated|concluded))/;
const AUTHOR_BEFORE = /\b(?:according to|by|from|after|following|see|cf\.|as described by|as proposed by)\s+$/i;
const AGE_AFTER = /^\s*,\s*(?:\d{1,3}|a\s+\d{1,3}[-\s]year[-\s]old)\b/i;

function isNameToken(token: PhiToken): boolean {
  if (token.type !== "word" || !/^\p{Lu}/u.test(token.value)) return false;
  // An acronym (CBT, NICE, OCD) is not a name.
  if (token.value.length > 1 && token.value === token.value.toUpperCase()) return false;
  return token.pos === "PROPN" || token.pos === "NOUN" || token.pos === "ADJ" || token.pos === "X";
}

interface NameRun {
  first: number;
  last: number;
  titled: boolean;
}

/** Runs of capitalised name tokens in one sentence ("Kübler-Ross" and "O'Brien" stay one name). */
function nameRuns(tokens: PhiToken[]): NameRun[] {
  const runs: NameRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    const titled = TITLE.test(token.value);
    const startsName = isNameToken(token) && token.pos === "PROPN";
    if (!titled && !startsName) {
      i += 1;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j];
      const prev = tokens[j - 1];
      if (next === undefined || prev === undefined || next.sentence !== token.sentence) break;
      if (next.value === "-" && prev.end === next.start && tokens[j + 1]?.start === next.end) {
        j += 1;
        continue;
      }
      if (!isNameToken(next)) break;
      last = j;
      j += 1;
    }
    if (titled && last === i) {
      i += 1;
      continue;
    }
    runs.push({ first: i, last, titled });
    i = last + 1;
  }
  return runs;
}

export function detectPersonNames(input: PhiInput): PhiMatch[] {
  const { view, plain } = input;
  const { tokens, text } = view;
  const findings: PhiMatch[] = [];
  for (const run of nameRuns(tokens)) {
    const firstToken = tokens[run.first];
    const lastToken = tokens[run.last];
    if (firstToken === undefined || lastToken === undefined) continue;
    // Inside a blanked URL or email: not prose.
    if (plain.slice(firstToken.start, lastToken.end).trim() === "") continue;
    const runWords = tokens.slice(run.first, run.last + 1).map((t) => t.lower);
    if (runWords.some((w) => NON_PERSON_HEADS.has(w))) continue;
    const sentence = view.sentences[firstToken.sentence];
    const sentenceStart = sentence?.start ?? 0;
    const sentenceEnd = sentence?.end ?? text.length;
    const before = plain.slice(Math.max(sentenceStart, firstToken.start - 40), firstToken.start);
    const after = plain.slice(lastToken.end, Math.min(sentenceEnd, lastToken.end + 60));
    if (AUTHOR_AFTER.test(after) || AUTHOR_BEFORE.test(before)) continue;
    const clinical = mentionsClinicalDetail(text.slice(sentenceStart, sentenceEnd));
    const isPerson =
      (run.titled && clinical) ||
      RELATION.test(before) ||
      (CARE_VERB.test(before) && clinical) ||
      (PERSONAL_PREDICATE.test(after) && clinical) ||
      PERSONAL_POSSESSIONS.test(after) ||
      (AGE_AFTER.test(after) && clinical);
    if (isPerson) findings.push(matchAt("person_name", firstToken.start, lastToken.end));
  }
  return findings;
}
