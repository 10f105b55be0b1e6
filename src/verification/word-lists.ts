// Closed word classes the offline verifier treats specially. English only.

export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have having he " +
    "her here hers herself him himself his how i if in into is it its itself just me more most my myself " +
    "of off on once only or other our ours ourselves out over own same she should so some such than that the " +
    "their theirs them themselves then there these they this those through to too under until up very was we were " +
    "what when where which while who whom whose why will with would you your yours yourself yourselves " +
    "s t 's one's upon via per among amongst within onto toward towards thus hence however although though yet " +
    "et al etc ie eg i.e e.g"
  ).split(" "),
);

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

/** Cardinals from two: ordinals ("first album" vs "debut") and "one" ("one of") are too often not numbers. */
export const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ["zero", "0"], ["two", "2"], ["three", "3"], ["four", "4"], ["five", "5"], ["six", "6"],
  ["seven", "7"], ["eight", "8"], ["nine", "9"], ["ten", "10"], ["eleven", "11"], ["twelve", "12"],
  ["thirteen", "13"], ["fourteen", "14"], ["fifteen", "15"], ["sixteen", "16"], ["seventeen", "17"],
  ["eighteen", "18"], ["nineteen", "19"], ["twenty", "20"], ["thirty", "30"], ["forty", "40"], ["fifty", "50"],
  ["sixty", "60"], ["seventy", "70"], ["eighty", "80"], ["ninety", "90"], ["hundred", "100"],
  ["dozen", "12"],
]);

export const MONTHS: ReadonlyMap<string, string> = new Map([
  ["january", "1"], ["jan", "1"], ["february", "2"], ["feb", "2"], ["march", "3"], ["mar", "3"], ["april", "4"],
  ["apr", "4"], ["may", "5"], ["june", "6"], ["jun", "6"], ["july", "7"], ["jul", "7"], ["august", "8"],
  ["aug", "8"], ["september", "9"], ["sep", "9"], ["sept", "9"], ["october", "10"], ["oct", "10"],
  ["november", "11"], ["nov", "11"], ["december", "12"], ["dec", "12"],
]);

/** Irregular past forms -> base form, so "won" meets "wins" and "began" meets "beginning". */
export const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(
  (
    "arose:arise arisen:arise awoke:awake was:be were:be been:be bore:bear born:bear borne:bear beat:beat " +
    "beaten:beat became:become began:begin begun:begin bent:bend bet:bet bound:bind bit:bite bitten:bite " +
    "bled:bleed blew:blow blown:blow broke:break broken:break bred:breed brought:bring built:build burnt:burn " +
    "bought:buy caught:catch chose:choose chosen:choose came:come cost:cost crept:creep dealt:deal dug:dig " +
    "did:do done:do drew:draw drawn:draw dreamt:dream drank:drink drunk:drink drove:drive driven:drive ate:eat " +
    "eaten:eat fell:fall fallen:fall fed:feed felt:feel fought:fight found:find fled:flee flew:fly flown:fly " +
    "forbade:forbid forbidden:forbid forgot:forget forgotten:forget forgave:forgive forgiven:forgive froze:freeze " +
    "frozen:freeze got:get gotten:get gave:give given:give went:go gone:go grew:grow grown:grow hung:hang had:have " +
    "heard:hear hid:hide hidden:hide held:hold hurt:hurt kept:keep knelt:kneel knew:know known:know laid:lay " +
    "led:lead leapt:leap left:leave lent:lend lay:lie lain:lie lit:light lost:lose made:make meant:mean met:meet " +
    "paid:pay proved:prove proven:prove quit:quit rode:ride ridden:ride rang:ring rung:ring rose:rise risen:rise " +
    "ran:run said:say saw:see seen:see sought:seek sold:sell sent:send shook:shake shaken:shake shone:shine " +
    "shot:shoot showed:show shown:show shrank:shrink shut:shut sang:sing sung:sing sank:sink sunk:sink sat:sit " +
    "slept:sleep slid:slide spoke:speak spoken:speak spent:spend spun:spin split:split spread:spread sprang:spring " +
    "stood:stand stole:steal stolen:steal stuck:stick stung:sting struck:strike strove:strive swore:swear " +
    "sworn:swear swept:sweep swam:swim swum:swim swung:swing took:take taken:take taught:teach tore:tear torn:tear " +
    "told:tell thought:think threw:throw thrown:throw understood:understand undertook:undertake " +
    "undertaken:undertake woke:wake woken:wake wore:wear worn:wear wove:weave woven:weave wed:wed wept:weep " +
    "won:win wound:wind withdrew:withdraw withdrawn:withdraw wrote:write written:write overtook:overtake " +
    "overtaken:overtake oversaw:oversee overseen:oversee foresaw:foresee rebuilt:rebuild retold:retell " +
    "rewrote:rewrite rewritten:rewrite mistook:mistake mistaken:mistake"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);
