// Index terms for BM25: lower-cased words, stop words dropped, lightly stemmed. English only.
// A light stemmer rather than Porter's: retrieval only needs "communities"/"community" and
// "practices"/"practiced"/"practice" to meet, and over-stemming ("general"/"generate") costs precision.

const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have having " +
    "he her here hers him his how i if in into is it its itself just me more most my no nor not of off on once " +
    "only or other our ours out over own same she should so some such than that the their theirs them then there " +
    "these they this those through to too under until up very was we were what when where which while who whom " +
    "whose why will with would you your yours upon via per among within onto thus hence however although though " +
    "yet et al etc ie eg may might must shall"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;

export function tokenizeTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['\u2019]s$/u, "");
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    terms.push(stemTerm(word));
  }
  return terms;
}

/** Strips common inflections; a final "e" goes too, so "practice" and "practiced" share "practic". */
export function stemTerm(word: string): string {
  if (word.length <= 3 || !/^\p{Ll}+$/u.test(word)) return word;
  let stem = word;
  if (stem.endsWith("ies") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/u.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith("s") && !/(?:ss|us|is)$/u.test(stem)) stem = stem.slice(0, -1);
  else if (stem.endsWith("ing") && stem.length >= 6) stem = undouble(stem.slice(0, -3));
  else if (stem.endsWith("ied") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith("eed")) stem = stem.slice(0, -1);
  else if (stem.endsWith("ed") && stem.length >= 5) stem = undouble(stem.slice(0, -2));
  else if (stem.endsWith("ly") && stem.length >= 7) stem = stem.slice(0, -2);
  if (stem.endsWith("e") && stem.length > 4) stem = stem.slice(0, -1);
  return stem;
}

/** "running" -> "runn" -> "run"; "ll", "ss" and "zz" stay ("spelled" -> "spell"). */
function undouble(stem: string): string {
  const last = stem[stem.length - 1];
  if (stem.length > 3 && last === stem[stem.length - 2] && last !== undefined && !"lsz".includes(last) && !/[aeiou]/u.test(last)) {
    return stem.slice(0, -1);
  }
  return stem;
}
