// Context shared by the detectors: whether a sentence is about one person (a singular person cue),
// and whether it carries a clinical detail. Both are word lists on purpose: they are the guard's
// definition of "tied to a person" and "clinical", readable and testable, not a model's guess.
import type { PhiText } from "./phi-text.ts";
import { sentenceAt } from "./phi-text.ts";

/** Words that put one particular person in a sentence: singular pronouns and "my/the client"-style phrases. */
const SINGULAR_PERSON =
  /\b(?:he|she|his|her|hers|him|himself|herself)\b|\b(?:my|our|the|this|a|one|your)\s+(?:client|patient|service user|resident|son|daughter|husband|wife|partner|mother|father|mum|mom|dad|brother|sister|friend|neighbou?r|colleague|child|grandson|granddaughter|boyfriend|girlfriend|man|woman|boy|girl|gentleman|lady|tenant|carer|caregiver)\b(?!s)|\b(?:client|patient)'s\b|\bdate of birth\b|\bd\.?o\.?b\b/i;

/** Clinical details: diagnoses, symptoms, treatments and care events. */
const CLINICAL =
  /\b(?:diagnos\w*|disorder|disease|syndrome|depress\w*|anxi\w*|psychos[ie]s|psychotic|schizo\w*|bipolar|mania|manic|ocd|ptsd|adhd|autis\w*|dementia|delirium|self-harm\w*|suicid\w*|overdos\w*|relaps\w*|admitted|admission|discharged?|ward|hospital\w*|prescri\w*|medication|dose|therapy|therapist|sessions?|treat\w*|symptoms?|voices|hallucinat\w*|delusion\w*|drink\w*|alcohol\w*|drugs?|addict\w*|panic|phobi\w*|anorexia|bulimia|eating|trauma\w*|abuse\w*|assault\w*|seizures?|epilep\w*|cancer|hiv|pregnan\w*|postnatal|lithium|quetiapine|sertraline|clozapine|caseload|referr\w*|assess\w*|crisis|cmht|psychiatri\w*|counsell?\w*|mental|illness|condition|insomnia|mood|grief|bereave\w*|memory|agitation|infection|copd|injur\w*|surgery|rash|stammer|disabilit\w*|hoarding|catatonia|toxicity|mg|antidepressants?|antipsychotics?|side effects|tablets|pills|mood stabili[sz]ers?|reactions?|allerg\w*|inhalers?|insulin)\b/i;

export function sentenceTextAt(view: PhiText, offset: number): string {
  const sentence = sentenceAt(view, offset);
  return view.text.slice(sentence.start, sentence.end);
}

export function mentionsOnePerson(sentence: string): boolean {
  return SINGULAR_PERSON.test(sentence);
}

export function mentionsClinicalDetail(sentence: string): boolean {
  return CLINICAL.test(sentence);
}
