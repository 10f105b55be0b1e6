// Writes phq-9-psychometrics-summary.pdf, a source document of the phq-9 example article, with the
// project's PDF test helper (real text layer, deterministic bytes). Run from the repository root:
//   npx tsx examples/phq-9/build-pdf.ts
// The text below was written for wikigen; edit it here, never the generated PDF.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makePdf } from "../../test/helpers/make-pdf.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

const title = "Psychometric Properties of the PHQ-9: A Summary of Validation Research";

const paragraphs: string[] = [
  "Technical summary prepared by a university department of primary care for a regional measurement group. It summarises published validation studies and is not a systematic review.",

  "1. The original validation study",
  "The original validation of the PHQ-9 was published in 2001 by Kurt Kroenke, Robert Spitzer and Janet Williams. The study included 6,000 patients attending eight primary care clinics and seven obstetrics and gynaecology clinics in the United States. A mental health professional interviewed a subsample of 580 patients by telephone to establish the criterion diagnosis.",
  "In the original study, a PHQ-9 score of 10 or more had a sensitivity of 88% and a specificity of 88% for major depression. Internal consistency was high, with a Cronbach's alpha of 0.89 in the primary care sample and 0.86 in the obstetrics and gynaecology sample. Test-retest reliability was 0.84 when the questionnaire was repeated by telephone within 48 hours.",

  "2. Meta-analyses of cut-offs",
  "In 2012, Laura Manea, Simon Gilbody and Dean McMillan published a meta-analysis in the Canadian Medical Association Journal of 18 validation studies of the PHQ-9 in clinical settings. The analysis found that cut-off scores between 8 and 11 gave similar pooled sensitivity and specificity for major depression, and that the standard cut-off of 10 performed acceptably.",
  "In 2019, Brooke Levis, Andrea Benedetti and Brett Thombs published an individual participant data meta-analysis in the BMJ that pooled data from 58 studies and more than 17,000 participants. Compared with semi-structured diagnostic interviews, a cut-off of 10 or more had a pooled sensitivity of 0.88 and a specificity of 0.85. The authors reported that accuracy depended on the kind of interview used as the reference standard, with lower sensitivity against fully structured interviews.",

  "3. Measuring change",
  "The PHQ-9 is sensitive to change during treatment. A reduction of five points or more is commonly used as the threshold for a clinically meaningful change in an individual patient. Response is often defined as a fall of at least 50% from the baseline score, and remission as a score below 5.",

  "4. Reliability and validity by population",
  "Validation studies in older adults, in people with long-term physical conditions such as heart disease, diabetes and cancer, and in perinatal women have generally found acceptable accuracy, although some studies in medically ill groups suggest that a higher cut-off may reduce false positives. Evidence in adolescents comes from a modified version with adapted wording, the PHQ-A, and should not be assumed to apply to the adult form. Few validation studies have included people with severe mental illness or people with intellectual disability, so accuracy in those groups has not been established.",

  "5. Limitations",
  "Screening with the PHQ-9 detects more people with depression only when it is followed by clinical assessment and treatment. The questionnaire relies on self-report and on the patient's reading of the items. The PHQ-9 cannot distinguish unipolar depression from the depressive phase of bipolar disorder, and it does not assess psychotic symptoms.",
];

writeFileSync(path.join(here, "phq-9-psychometrics-summary.pdf"), makePdf({ title, paragraphs }));
