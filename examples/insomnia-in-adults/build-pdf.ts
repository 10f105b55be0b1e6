// Writes insomnia-treatment-evidence.pdf, a source document of the insomnia-in-adults example
// article, with the project's PDF test helper (real text layer, deterministic bytes). Run from the
// repository root:
//   npx tsx examples/insomnia-in-adults/build-pdf.ts
// The text below was written for wikigen; edit it here, never the generated PDF.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makePdf } from "../../test/helpers/make-pdf.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

const title = "Treating Chronic Insomnia in Adults: A Summary of Guidelines and Evidence";

const paragraphs: string[] = [
  "Summary prepared by a primary care education group for general practitioners and practice nurses. It summarises published guidelines and trials and does not replace them.",

  "1. First-line treatment",
  "Cognitive behavioural therapy for insomnia, known as CBT-I, is the recommended first-line treatment for chronic insomnia in adults. In 2016, the American College of Physicians recommended that all adult patients receive CBT-I as the initial treatment for chronic insomnia disorder. In 2017, the European Sleep Research Society published a European guideline that also recommended CBT-I as the first-line treatment for chronic insomnia in adults of any age. In 2021, the American Academy of Sleep Medicine issued a strong recommendation for multicomponent CBT-I in its guideline on behavioural and psychological treatments.",

  "2. What CBT-I includes",
  "CBT-I is a multicomponent treatment usually delivered over four to eight weekly sessions. Its main components are sleep restriction therapy, stimulus control, cognitive therapy for unhelpful beliefs about sleep, relaxation training and education about sleep. Sleep restriction therapy and stimulus control are regarded as the most active components.",

  "3. Evidence for CBT-I",
  "In 2015, James Trauer and colleagues published a systematic review and meta-analysis of CBT-I for chronic insomnia in the Annals of Internal Medicine. The meta-analysis pooled 20 randomised trials with 1,162 participants. At the end of treatment, CBT-I shortened the time taken to fall asleep by about 19 minutes, reduced time awake after sleep onset by about 26 minutes and increased sleep efficiency by about 10 percentage points compared with control conditions, and the improvements were maintained at later follow-up.",
  "Digital CBT-I delivered through an automated online programme has been tested in large trials. In 2017, Daniel Freeman and colleagues reported the OASIS trial in The Lancet Psychiatry, in which 3,755 university students with insomnia were randomly assigned to digital CBT-I or usual practice; the digital treatment reduced insomnia and also led to small reductions in paranoia and hallucinatory experiences.",
  "CBT-I is also effective for insomnia that occurs alongside depression, chronic pain and other medical conditions, although the number of trials in each group is smaller. Trials in people with severe mental illness are few, so the effect in that group has not been well studied.",

  "4. Medication",
  "Hypnotic medicines, including benzodiazepines and the related Z-drugs, can improve sleep in the short term but are recommended only for short-term use. Long-term use carries risks of tolerance, dependence, daytime sedation, memory problems and falls, and these risks are greater in older adults. When medication is used, it should be combined with CBT-I or followed by it, and stopping long-term hypnotics should be done gradually with the patient's agreement.",

  "5. When guidelines disagree",
  "The guidelines agree on CBT-I as first-line treatment but differ in their advice on specific medicines, partly because they were written in different years and health systems. Clinicians should check which medicines are licensed and recommended in their own country.",
];

writeFileSync(path.join(here, "insomnia-treatment-evidence.pdf"), makePdf({ title, paragraphs }));
