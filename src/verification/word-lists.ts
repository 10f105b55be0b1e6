// Cue words the offline verifier's polarity checks look for. English only. (Stop words, number words
// and stems belong to the one text stack in src/domain/text/.)

/** Cues that flip a statement's polarity. "no" and "not" dominate; the rest are rarer but unambiguous. */
export const NEGATION_CUES: ReadonlySet<string> = new Set([
  "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "can't", "don't",
  "doesn't", "didn't", "isn't", "wasn't", "weren't", "aren't", "won't", "wouldn't", "couldn't", "shouldn't",
  "hasn't", "haven't", "hadn't", "nowhere", "lacks", "lacked", "failed", "fails", "denied", "denies", "refused",
]);

/** Cues that weaken a statement from fact to possibility. */
export const HEDGE_CUES: ReadonlySet<string> = new Set([
  "may", "might", "could", "possibly", "possible", "perhaps", "likely", "unlikely", "probably", "suggest",
  "suggests", "suggested", "appears", "appear", "seems", "seem", "reportedly", "allegedly", "alleged", "unclear",
  "uncertain", "potentially", "potential", "speculated", "rumored", "rumoured",
]);
