import { describe, expect, it } from "vitest";
import { createCascadeVerifier } from "./cascade-verifier.ts";
import { createOfflineVerifier } from "./offline-verifier.ts";

// Each typed fact check through the real offline verifier: the untouched claim is supported by its
// source, the claim with one fact changed is vetoed with the check's reason.

const verifier = createOfflineVerifier();

interface Case {
  check: string;
  source: string;
  claim: string;
  changed: string;
  reason: string;
}

const CASES: Case[] = [
  {
    check: "dose",
    source: "Patients in the trial received 25 mg of sertraline each morning for twelve weeks.",
    claim: "Patients in the trial received 25 mg of sertraline each morning for twelve weeks.",
    changed: "Patients in the trial received 50 mg of sertraline each morning for twelve weeks.",
    reason: "number_mismatch: claim 50 mg, source 25 mg",
  },
  {
    check: "unit",
    source: "Patients in the trial received 25 mg of sertraline each morning for twelve weeks.",
    claim: "Patients in the trial received 25 mg of sertraline each morning.",
    changed: "Patients in the trial received 25 g of sertraline each morning.",
    reason: "unit_mismatch: claim 25 g, source 25 mg",
  },
  {
    check: "year",
    source: "The anthropologist Jean Lave and Etienne Wenger introduced the term community of practice in their 1991 book Situated Learning.",
    claim: "Jean Lave and Etienne Wenger introduced the term community of practice in their 1991 book Situated Learning.",
    changed: "Jean Lave and Etienne Wenger introduced the term community of practice in their 1994 book Situated Learning.",
    reason: "number_mismatch: claim 1994, source 1991",
  },
  {
    check: "count",
    source: "The consultation group admitted 40 new members from community mental health teams.",
    claim: "The consultation group admitted 40 new members from community mental health teams.",
    changed: "The consultation group admitted 80 new members from community mental health teams.",
    reason: "number_mismatch: claim 80, source 40",
  },
  {
    check: "swapped values",
    source: "Relapse occurred in 12% of the treated group and 30% of the control group within a year.",
    claim: "Relapse occurred in 12% of the treated group and 30% of the control group within a year.",
    changed: "Relapse occurred in 30% of the treated group and 12% of the control group within a year.",
    reason: "swapped_values: claim 30% / 12%, source has them the other way round",
  },
  {
    check: "frequency",
    source: "DBT therapists meet fortnightly in a consultation team to support each other in applying the treatment.",
    claim: "DBT therapists meet fortnightly in a consultation team to support each other in applying the treatment.",
    changed: "DBT therapists meet weekly in a consultation team to support each other in applying the treatment.",
    reason: "frequency_mismatch: weekly / fortnightly",
  },
  {
    check: "entity (place)",
    source: "The peer support network was set up in Ontario to connect rural nurses with specialist advice.",
    claim: "The peer support network was set up in Ontario to connect rural nurses with specialist advice.",
    changed: "The peer support network was set up in Quebec to connect rural nurses with specialist advice.",
    reason: "entity_mismatch: Quebec / Ontario",
  },
  {
    check: "negation",
    source: "Membership of the network did not change waiting times for new referrals.",
    claim: "Membership of the network did not change waiting times for new referrals.",
    changed: "Membership of the network changed waiting times for new referrals.",
    reason: "negation: claim affirms, source negates",
  },
  {
    check: "causal claim",
    source: "Regular participation in peer consultation was associated with lower burnout among nurses.",
    claim: "Regular participation in peer consultation was associated with lower burnout among nurses.",
    changed: "Regular participation in peer consultation caused lower burnout among nurses.",
    reason: "causal_claim",
  },
  {
    check: "invented comparison before a number",
    source: "The regional network connected 400 clinicians across rural practices in its first year.",
    claim: "The regional network connected 400 clinicians across rural practices in its first year.",
    changed: "The regional network connected more than 400 clinicians across rural practices in its first year.",
    reason: "no_comparison_in_source: claim more than 400, source 400",
  },
  {
    check: "invented superlative",
    source: "The community coordinator is an important role in a community of practice.",
    claim: "The community coordinator is an important role in a community of practice.",
    changed: "The community coordinator is the most important role in a community of practice.",
    reason: "no_comparison_in_source",
  },
  {
    check: "quantifier strengthened",
    source: "Some trainees in the programme reported less professional isolation after a year.",
    claim: "Some trainees in the programme reported less professional isolation after a year.",
    changed: "All trainees in the programme reported less professional isolation after a year.",
    reason: "quantifier: all",
  },
  {
    check: "modality strengthened",
    source: "The authors showed that structured peer review reduced prescribing errors on the ward.",
    claim: "The authors showed that structured peer review reduced prescribing errors on the ward.",
    changed: "The authors proved that structured peer review reduced prescribing errors on the ward.",
    reason: "modality: claim proved, source does not",
  },
  {
    check: "year range written with two digits",
    source: "Full rollout of the new referral pathway will take place over the 2018-2019 academic year.",
    claim: "Full rollout of the new referral pathway takes place during the 2018–19 academic year.",
    changed: "Full rollout of the new referral pathway takes place during the 2018–21 academic year.",
    reason: "number_mismatch: claim 21, source 2019",
  },
  {
    check: "a date's year, where the claim repeats the right year elsewhere",
    source: "The trust announced on March 14, 2019 the first cohort of its peer supervision programme for the 2019 intake. Applications came from community teams across the region, and most applicants had several years of clinical experience. Interviews were held over two weeks. Board papers: a review is due in 2021.",
    claim: "On March 14, 2019 the trust announced the first cohort of its peer supervision programme for the 2019 intake.",
    changed: "On March 14, 2021 the trust announced the first cohort of its peer supervision programme for the 2019 intake.",
    reason: "number_mismatch: claim 2021, source 2019",
  },
  {
    check: "a duration against another of the same unit",
    source: "The clinic trained its peer supporters for about three months before the service opened to patients.",
    claim: "About three months before the service opened, the clinic trained its peer supporters.",
    changed: "About five months before the service opened, the clinic trained its peer supporters.",
    reason: "number_mismatch: claim five months, source three months",
  },
  {
    check: "a year the source states only far from the claim's words",
    source: "Jan Stuart returned to the Freer Gallery of Art as curator of Chinese art. The gallery holds more than twenty-six thousand objects, from Neolithic jades to modern ink paintings, and its reading room is open to researchers by appointment on weekday afternoons throughout the academic term. Visitors are asked to check bags at the entrance. Page last updated 2017.",
    claim: "Jan Stuart returned to the Freer Gallery of Art as curator of Chinese art.",
    changed: "In 2017 Jan Stuart returned to the Freer Gallery of Art as curator of Chinese art.",
    reason: "number_mismatch: claim 2017, source states it elsewhere",
  },
  {
    check: "a lower bound where the source only approximates",
    source: "The pumping station is an underground plant, located approximately 230 metres below the surface.",
    claim: "The pumping station is an underground plant, located approximately 230 metres below the surface.",
    changed: "The pumping station is an underground plant, located more than 230 metres below the surface.",
    reason: "no_comparison_in_source: claim more than 230, source 230",
  },
  {
    check: "'always' where the source's only 'each' is 'each other'",
    source: "DBT therapists meet weekly to support each other, and the consultation team is often described as therapy for the therapists.",
    claim: "DBT therapists meet weekly to support each other, and the consultation team is often described as therapy for the therapists.",
    changed: "DBT therapists meet weekly to support each other, and the consultation team is always described as therapy for the therapists.",
    reason: "quantifier: always",
  },
  {
    check: "'always' where the window says 'often' before the same verb, beside another 'always'",
    source: "Trainees often describe a period of feeling like an impostor, caught between their old professional self and a therapist self that does not yet feel real. Supervision always involves the trainee's own caseload.",
    claim: "Trainees often describe a period of feeling like an impostor, caught between their old professional self and a therapist self that does not yet feel real.",
    changed: "Trainees always describe a period of feeling like an impostor, caught between their old professional self and a therapist self that does not yet feel real.",
    reason: "quantifier: always",
  },
  {
    check: "'always' where the window says 'occasionally' before the same word, beside 'both'",
    source: "A cross-service community that meets for a year or more may reach shared reflection and, occasionally, a transformation of how both services work.",
    claim: "A cross-service community that meets for a year or more may reach shared reflection and, occasionally, a transformation of how both services work.",
    changed: "A cross-service community that meets for a year or more may reach shared reflection and, always, a transformation of how both services work.",
    reason: "quantifier: always",
  },
  {
    check: "'not only' turned into 'only'",
    source: "Most therapists learned the work not only from the lecturers on their course but from the supervisor who sat with their doubts.",
    claim: "Most therapists learned the work not only from the lecturers on their course but from the supervisor who sat with their doubts.",
    changed: "Most therapists learned the work only from the lecturers on their course but from the supervisor who sat with their doubts.",
    reason: "negation: claim only, source not only",
  },
  {
    check: "'only' where the window restricts nothing",
    source: "Fossil leaves found in the explorers' tent proved that the climate of Antarctica had once been mild enough to support trees. They also raised another question: had Antarctica once been joined to the other southern continents?",
    claim: "The fossil leaves found in the explorers' tent showed that the climate of Antarctica was once mild enough to support trees.",
    changed: "The fossil leaves found in the explorers' tent showed only that the climate of Antarctica was once mild enough to support trees.",
    reason: "negation: claim only, source does not restrict",
  },
  {
    check: "a negation dropped where the source denies with a word ('prohibition')",
    source: "Community rules include a prohibition of alcohol and tobacco at youth gatherings.",
    claim: "Alcohol and tobacco are not allowed at youth gatherings under community rules.",
    changed: "Alcohol and tobacco are allowed at youth gatherings under community rules.",
    reason: "negation: claim affirms, source negates",
  },
  {
    check: "a day of the month the source dates otherwise",
    source: "Greenfield announced on Aug. 10 that the night clinic would close after a staff shortage. The trust's board met the next morning and asked for a plan within a month. A consultation with patients ran until the end of September, and 20 of them replied.",
    claim: "On August 10, Greenfield announced that the night clinic would close after a staff shortage.",
    changed: "On August 20, Greenfield announced that the night clinic would close after a staff shortage.",
    reason: "date_mismatch: claim 8/20, source 8/10 (month/day)",
  },
  {
    check: "a full date's year, where the source dates that day in another year and the window holds the claim's year about something else",
    source:
      "# REGIONAL TRUST NAMES 2017 NURSE FELLOWS\n\nLEEDS (March 14, 2017) - The regional trust is pleased to announce the nurses selected for its leadership fellowship.\n\nThe fellowship will be led by Dr Ann Price.\n\nSara Lund, Tom Okafor and Priya Shah complete the list.\n\nThe fellows will train at the Leeds teaching hospital until Friday, March 24 before returning to their wards.\n\n\"The 2017 fellowship is a first step for our nurses towards our goal of a nurse-led ward in every hospital by 2020,\" said Ann Price, the director of the leadership fellowship.",
    claim: "On March 14, 2017, Sara Lund was selected for the regional trust's leadership fellowship for nurses, to train at the Leeds teaching hospital.",
    changed: "On March 14, 2020, Sara Lund was selected for the regional trust's leadership fellowship for nurses, to train at the Leeds teaching hospital.",
    reason: "date_mismatch: claim March 14, 2020, source March 14, 2017",
  },
  {
    check: "a denial whose verb is far from the shared words ('was not selected to play for')",
    source: "The board announced on 3 May the final list of clinicians for the regional trauma-focused therapy training programme.",
    claim: "On 3 May the board announced the final list of clinicians for the regional trauma-focused therapy training programme.",
    changed: "On 3 May the board was not selected to announce the final list of clinicians for the regional trauma-focused therapy training programme.",
    reason: "negation: claim negates, source affirms",
  },
  {
    check: "a denial the window cannot confirm (no word of the evidence denies anything)",
    source: "The service opened a perinatal clinic in 2015. Mothers referred by midwives were seen within two weeks.",
    claim: "Mothers referred by midwives were seen within two weeks at the perinatal clinic.",
    changed: "Mothers referred by midwives were never seen within two weeks at the perinatal clinic.",
    reason: "negation: claim negates, source affirms",
  },
  {
    check: "a count the window lacks, which the source states only about other things",
    source: "The trust reported 26 vacancies last winter.\n\nRecruitment of nurses improved in the spring after a new advertising campaign.\n\nA new chair of the board was appointed in June.\n\nTrainee therapists attended her supervision group at the city clinic every Tuesday.",
    claim: "Trainee therapists attended her supervision group at the city clinic every Tuesday.",
    changed: "Trainee therapists attended her supervision group at the city clinic every Tuesday for 26 weeks.",
    reason: "number_mismatch: claim 26 weeks, source states it elsewhere",
  },
  {
    check: "a unit the window lacks, which the source gives another unit next to the claim's words",
    source: "Her first clinical supervision group in 13 years met at the city clinic.\n\nThe trust reported staff vacancies last winter.\n\nRecruitment of nurses improved in the spring after a new advertising campaign.\n\nThe group met at the city clinic on Tuesdays, with six trainee therapists.",
    claim: "The group met at the city clinic on Tuesdays, with six trainee therapists.",
    changed: "The group met at the city clinic on Tuesdays, with six trainee therapists, for the first time in 13 months.",
    reason: "unit_mismatch: claim 13 months, source 13 years",
  },
  {
    check: "a year the source states beside other words, where another year's passage states the claim",
    source:
      "In 1865 the asylum's superintendent began to write a history of the hospital.\n\nThe asylum superintendent's history of the hospital was published by the county press in December.\n\nIt sold out within a month.\n\nReviewers praised its account of the early wards.\n\nA second edition followed.\n\nThe asylum closed in 1868 and its patients moved to the new county hospital.",
    claim: "The asylum superintendent's history of the hospital was published by the county press in December 1865.",
    changed: "The asylum superintendent's history of the hospital was published by the county press in December 1868.",
    reason: "number_mismatch: claim 1868, source 1865 beside the claim's words",
  },
  {
    check: "a denial stated in a passage of its own, which the window for the claim's other words lacks",
    source:
      'The councillor voted for the mayor in the last election.\n\nHe later said he regretted that vote.\n\nHousing was the main issue in the campaign.\n\nRents rose by a third in two years.\n\n"Because she hasn\'t built homes," he said of the mayor, "the waiting list keeps growing."',
    claim: "The councillor later regretted his vote for the mayor in the last election, saying that she hasn't built homes.",
    changed: "The councillor later regretted his vote for the mayor in the last election, saying that she has built homes.",
    reason: 'negation: claim affirms "built homes", source denies it',
  },
  {
    check: "a denial of 'done' stated in a passage of its own ('done' is a main verb, not a stop word)",
    source:
      'The miner voted for the governor in 2016.\n\n"He hasn\'t done squat," the miner said of the governor in 2018.\n\nThe mine had closed the year before.\n\nMost of his neighbours moved away.\n\nThe town lost its school.\n\n"He is looking after the bosses he promised to fight," the miner said, and he regretted that vote.',
    claim: 'By 2018 the miner regretted his vote for the governor, saying that "he hasn\'t done squat" and he is "looking after the bosses he promised to fight".',
    changed: 'By 2018 the miner regretted his vote for the governor, saying that "he has done squat" and he is "looking after the bosses he promised to fight".',
    reason: 'negation: claim affirms "done squat", source denies it',
  },
  {
    check: "a denial written 'ain't'",
    source: "Asked about the new estate, the councillor said the mayor ain't built homes for local families.",
    claim: "The councillor said the mayor has not built homes for local families.",
    changed: "The councillor said the mayor has built homes for local families.",
    reason: "negation: claim affirms, source negates",
  },
  {
    check: "a word the window denies in passing ('when she's not working'), affirmed where the source states the claim",
    source: "In February she announced she was working again with the producer Max Martin.\n\nThey had collaborated on three songs for Red.\n\nWhen she's not working, Swift spends time with friends.",
    claim: "Swift announced in February that she was working again with Max Martin, with whom she had collaborated on three songs for Red.",
    changed: "Swift announced in February that she was not working again with Max Martin, with whom she had collaborated on three songs for Red.",
    reason: "negation: claim negates, source affirms where it states the claim",
  },
  {
    check: "a year range a caption states together, where the window names another range",
    source:
      "This painting in Bruges is a copy after Rogier van der Weyden.\n\nCopy after Rogier van der Weyden, Saint Luke drawing the Madonna, ca. 1491-1510, Groeninge museum, Bruges.\n\nThe museum reopened after a long restoration.\n\nVisitors can see it in the main hall.\n\nThe panel is of high quality and has been kept in very good condition.\n\nThe Boston version it copies dates from between 1482 and 1500.",
    claim: "The panel in Bruges is of high quality and in very good condition, and dates from c. 1491–1510.",
    changed: "The panel in Bruges is of high quality and in very good condition, and dates from c. 1491–1513.",
    reason: "number_mismatch: claim 1491, source 1482",
  },
  {
    check: "'all' over words the window quantifies with 'some', beside another 'all' ('of all ages')",
    source: "Forty clinicians of all ages and backgrounds have written a response to some of the oldest questions in nursing.",
    claim: "Forty clinicians of all ages and backgrounds have written a response to some of the oldest questions in nursing.",
    changed: "Forty clinicians of all ages and backgrounds have written a response to all of the oldest questions in nursing.",
    reason: "quantifier: all",
  },
  {
    check: "a name with one word changed where the source writes its other word beside another ('Football Weekly')",
    source: "Max Rushden took over from James Richardson as presenter of Football Weekly, the Guardian's football podcast, in 2017.",
    claim: "Max Rushden became presenter of the Guardian's Football Weekly podcast in 2017, after James Richardson.",
    changed: "Max Rushden became presenter of the Guardian's Football Fortnightly podcast in 2017, after James Richardson.",
    reason: "entity_mismatch: Football Fortnightly / Football Weekly",
  },
  {
    check: "a denial the window bounds by a span of years ('from 1991 to 2000'), which the claim does not name",
    source:
      "Rattlehead is the band's skeletal mascot.\n\nHis eyes are covered by a riveted-on visor.\n\nHis image appears on several of their records.\n\nVic did not appear on the cover of any album from 1991 to 2000.\n\nIn 2010 the mascot made his live debut on the front of the stage in Cleveland.",
    claim: "The front cover marked the debut of band mascot Vic Rattlehead, who regularly appeared on later album artwork.",
    changed: "The front cover marked the debut of band mascot Vic Rattlehead, who appeared on the album covers from 1991 to 2000.",
    reason: "negation: claim affirms, source negates",
  },
  {
    check: "a person's given names swapped, the family name kept",
    source: "In 2011, Etienne Wenger, Beverly Trayner and Maarten de Laat published a framework for assessing value creation in communities and networks.",
    claim: "In 2011, Etienne Wenger, Beverly Trayner and Maarten de Laat published a framework for assessing value creation in communities and networks.",
    changed: "In 2011, Etienne Wenger, Beverly Trayner and Olu Adebayo de Laat published a framework for assessing value creation in communities and networks.",
    reason: "entity_mismatch: Olu Adebayo de Laat / none in the evidence",
  },
];

describe("typed fact checks veto a one-fact change", () => {
  it.each(CASES)("$check: the untouched claim is supported", async ({ source, claim }) => {
    const verdict = await verifier.verify({ claim, sourceText: source });
    expect({ verdict: verdict.verdict, reason: verdict.reason, isVetoed: verdict.isVetoed }).toEqual({ verdict: "supported", reason: "supported", isVetoed: undefined });
  });

  it.each(CASES)("$check: the changed claim is not supported, with its reason", async ({ source, changed, reason }) => {
    const verdict = await verifier.verify({ claim: changed, sourceText: source });
    expect({ verdict: verdict.verdict, reason: verdict.reason, isVetoed: verdict.isVetoed }).toEqual({ verdict: "not_supported", reason, isVetoed: true });
  });
});

describe("a vetoed claim in cascade mode", () => {
  it("is flagged whatever the judge would say: the judge is never asked", async () => {
    const asked: string[] = [];
    const judge = {
      id: "llm",
      version: "always-yes",
      verify: async (input: { claim: string }) => {
        asked.push(input.claim);
        return { verdict: "supported" as const, score: 1, reason: "supported", evidence: null, quote: null, verifier: { id: "llm", version: "always-yes" } };
      },
    };
    // The widest band: every offline score would go to the judge, unless vetoed.
    const cascade = createCascadeVerifier({ offline: verifier, judge, band: [0, 1] });
    const swapped = CASES.find((c) => c.check === "swapped values") as Case;

    const verdict = await cascade.verify({ claim: swapped.changed, sourceText: swapped.source });

    expect({ asked, verdict: verdict.verdict, reason: verdict.reason }).toEqual({ asked: [], verdict: "not_supported", reason: swapped.reason });
  });
});

describe("typed fact checks leave rewordings alone", () => {
  it.each([
    {
      name: "a number written as a word, a year the window states",
      source: "In 2019 the clinic opened twelve new peer consultation groups for community nurses.",
      claim: "The clinic opened 12 new peer consultation groups for community nurses in 2019.",
    },
    {
      name: "a name the source writes once, outside the window",
      source: "Notes by Marion Clark.\nThe book describes three elements of a community of practice. It was widely read.\nA domain, a community and a practice are the three elements.",
      claim: "The three elements of a community of practice are a domain, a community and a practice.",
    },
    {
      name: "a source's negation that governs another verb ('would not attend' against 'attended in her place')",
      source: "The director announced she would not start the new ward's opening ceremony, and her deputy led the ceremony in her place.",
      claim: "Her deputy led the new ward's opening ceremony in her place.",
    },
    {
      name: "'each other' in both",
      source: "Nurses in the network support each other through monthly case reviews.",
      claim: "Nurses in the network support each other through monthly case reviews.",
    },
    {
      name: "'not only' affirms",
      source: "The network supported not only nurses but also pharmacists in rural practices.",
      claim: "The network supported nurses and pharmacists in rural practices.",
    },
    {
      name: "'because of' explaining an event the source reports in other words (no association in the source)",
      source: "Lecque chose Monsignor Scanlan High School in the Bronx over his local school for its strong basketball programme.",
      claim: "Lecque chose Monsignor Scanlan High School in the Bronx over his local school because of its strong basketball programme.",
    },
    {
      name: "a year stated in a title that supports the claim as well as the window with another year",
      source:
        "Health Status of Canadians 2016: Report of the Chief Public Health Officer\n\nMore than two thousand people answered the survey online.\n\nIt draws on national surveys and administrative data.\n\nAt 88%, Canada had the highest proportion of people among G7 countries in 2014 who said that they had good or very good health.",
      claim: "A 2016 report by the Chief Public Health Officer found that 88% of Canadians said they had good or very good health, the highest proportion among G7 countries.",
    },
    {
      name: "a year only the page's dateline gives, though another year's passage holds the claim's words",
      source:
        "Library of Congress picks 25 films\n\nDec. 12, 2018\n\nThe Library of Congress announced on Wednesday its yearly list.\n\nVoting was open to the public.\n\nThousands of people suggested titles.\n\nBrokeback Mountain was selected for preservation in the National Film Registry as culturally, historically or aesthetically significant.\n\nOthers on the list include the 1898 film Something Good and the 1950 film Cinderella.",
      claim: "In 2018, Brokeback Mountain was selected for preservation in the National Film Registry by the Library of Congress as culturally, historically or aesthetically significant.",
    },
    {
      name: "a superlative the source states in a passage that supports the claim as well as the window",
      source:
        "In addition to the Bruges work, two true copies are kept in Munich and St. Petersburg.\n\nThe Bruges painting is the best in terms of quality of these copies.\n\nIt was probably painted around 1500.\n\nIt was shown in public only once.\n\nThe painting is of high quality and has been kept in very good condition.",
      claim: "The Bruges painting is in the best condition and of high quality.",
    },
    {
      name: "a middle name the source leaves out (its neighbours are the claim's own)",
      source: "Max Rushden took over from James Richardson as presenter of Football Weekly, the Guardian's football podcast, in 2017.",
      claim: "Max Rushden became presenter of the Guardian's Football Weekly podcast in 2017, after James Edward Richardson.",
    },
    {
      name: "'the only' is an adjective, not a restriction the source must state",
      source: "In November 2013 she was the one member of the exchange's board who voted against raising the chief executive's salary.",
      claim: "In November 2013 she was the only member of the exchange's board who voted against raising the chief executive's salary.",
    },
    {
      name: "a denial the source states in its own words",
      source: "The trial did not find any reduction in readmissions among patients offered peer support.",
      claim: "Peer support did not reduce readmissions in the trial.",
    },
  ])("$name", async ({ source, claim }) => {
    const verdict = await verifier.verify({ claim, sourceText: source });
    expect({ verdict: verdict.verdict, reason: verdict.reason }).toEqual({ verdict: "supported", reason: "supported" });
  });
});
