// Writes ba-evidence-briefing.pdf, a source document of the behavioural-activation example article,
// with the project's PDF test helper (real text layer, deterministic bytes). Run from the repository
// root:
//   npx tsx examples/behavioural-activation/build-pdf.ts
// The text below was written for wikigen; edit it here, never the generated PDF.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makePdf } from "../../test/helpers/make-pdf.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

const title = "Behavioural Activation for Depression: An Evidence Briefing for Service Planners";

const paragraphs: string[] = [
  "Evidence briefing prepared by a regional mental health commissioning support unit. It summarises published research for service planners and is not a clinical guideline.",

  "1. Summary of the evidence",
  "Behavioural activation is one of the best-studied psychological treatments for depression in adults. Randomised controlled trials and meta-analyses have compared it with waiting lists, usual care, antidepressant medication and cognitive behavioural therapy. Across these comparisons, behavioural activation reduces depressive symptoms more than control conditions and about as much as cognitive behavioural therapy. The certainty of the evidence varies: many trials are small, and the risk of bias in several of them is unclear.",

  "2. Meta-analyses",
  "In 2007, Pim Cuijpers, Annemieke van Straten and Lisanne Warmerdam published a meta-analysis of activity scheduling treatments in Clinical Psychology Review. The analysis pooled 16 randomised studies with about 780 participants and found a large effect of activity scheduling compared with control conditions, and no significant difference from cognitive therapy.",
  "In 2014, David Ekers and colleagues updated the evidence in a meta-analysis published in PLoS ONE. The update included 26 randomised controlled trials with about 1,500 participants. Behavioural activation was superior to control conditions and to antidepressant medication in the pooled analysis, and did not differ from cognitive behavioural therapy.",
  "A Cochrane systematic review published in 2020 by Uphoff and colleagues examined behavioural activation for depression in adults. The review found that behavioural activation may be more effective than usual care and about as effective as cognitive behavioural therapy, but it rated much of the evidence as of low or very low certainty because of small samples and methodological limitations.",

  "3. Key randomised trials",
  "The COBRA trial, a non-inferiority randomised controlled trial of 440 adults with depression recruited in primary care in England and reported in 2016, found that behavioural activation delivered by junior mental health workers was no less effective than cognitive behavioural therapy delivered by professional psychological therapists at 12 months. The behavioural activation arm cost about a fifth less to deliver.",
  "The PREMIUM trial in Goa, India, reported in 2017, tested the Healthy Activity Program, a brief behavioural activation treatment delivered by lay counsellors with no previous mental health training. In 495 adults with moderately severe to severe depression in primary care, the Healthy Activity Program added to enhanced usual care led to higher rates of remission at three months than enhanced usual care alone.",

  "4. Evidence by population",
  "Most trials have enrolled adults of working age with major depression. Smaller bodies of evidence support behavioural activation for depression in older adults, for depression in people with long-term physical conditions and for adolescents, but the trials in these groups are fewer and smaller. The absence of trials in a group is not evidence that the treatment does not work there; it means the question has not been studied well. There is little trial evidence on behavioural activation for people whose depression occurs with psychotic symptoms.",

  "5. Implications for services",
  "Behavioural activation can be delivered by a wider workforce after focused training, which makes it suited to stepped care. Services that adopt it should provide regular clinical supervision and measure outcomes routinely, because the trials that showed benefit from less experienced staff also provided close supervision. Where sources disagree about the size of the benefit, planners should give more weight to the larger and more recent trials with low risk of bias.",
];

writeFileSync(path.join(here, "ba-evidence-briefing.pdf"), makePdf({ title, paragraphs }));
