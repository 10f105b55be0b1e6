import type { VerifierFingerprint } from "./fingerprints.ts";

// The reasons one fingerprint differs from another, worded the way `plan` and `diff` print them.
// Shared by planning (stored vs today) and diffing (version A vs version B), so both explain a redraft
// in the same words.

export interface ArticleFacts {
  specVersion: number;
  specHash: string;
  pipelineVersion: string;
  systemPrompt: { version: number; hash: string };
  template: { id: string; version: number; hash: string };
}

export interface SectionFacts {
  sectionId: string;
  prompt: { version: number; hash: string };
  provider: string;
  model: string;
}

export interface Findings {
  /** Changes that make work: every section (article facts) or this section (section facts) is redrafted. */
  reasons: string[];
  warnings: string[];
}

/** Article-wide changes that redraft every section. The template's version is reported separately. */
export function compareArticleFacts(before: ArticleFacts, after: ArticleFacts): Findings {
  const reasons: string[] = [];
  const warnings: string[] = [];
  if (before.specVersion !== after.specVersion) reasons.push(`spec ${before.specVersion} -> ${after.specVersion}`);
  else if (before.specHash !== after.specHash) reasons.push(`spec edited without a version bump (spec_version ${after.specVersion})`);
  if (before.pipelineVersion !== after.pipelineVersion) reasons.push(`pipeline ${before.pipelineVersion} -> ${after.pipelineVersion}`);
  if (before.systemPrompt.version !== after.systemPrompt.version) {
    reasons.push(`system prompt ${before.systemPrompt.version} -> ${after.systemPrompt.version}`);
  } else if (before.systemPrompt.hash !== after.systemPrompt.hash) {
    warnings.push(unbumpedWarning("system prompt", after.systemPrompt.version));
  }
  if (before.template.version === after.template.version && before.template.id === after.template.id && before.template.hash !== after.template.hash) {
    warnings.push(unbumpedWarning(`template ${after.template.id}`, after.template.version));
  }
  return { reasons, warnings };
}

/** The template's own change, reported at article level: it adds or drops sections, never redrafts kept ones. */
export function describeTemplateChange(before: ArticleFacts["template"], after: ArticleFacts["template"]): string | null {
  if (before.id !== after.id) return `template ${before.id} -> ${after.id}`;
  if (before.version !== after.version) return `template ${after.id} ${before.version} -> ${after.version}`;
  return null;
}

export function compareSectionFacts(before: SectionFacts, after: SectionFacts): Findings {
  const reasons: string[] = [];
  const warnings: string[] = [];
  if (before.prompt.version !== after.prompt.version) {
    reasons.push(`prompt ${after.sectionId} ${before.prompt.version} -> ${after.prompt.version}`);
  } else if (before.prompt.hash !== after.prompt.hash) {
    warnings.push(unbumpedWarning(`prompt ${after.sectionId}`, after.prompt.version));
  }
  if (before.provider !== after.provider) reasons.push(`provider ${before.provider} -> ${after.provider}`);
  if (before.model !== after.model) reasons.push(`model ${before.model} -> ${after.model}`);
  return { reasons, warnings };
}

/** Sources whose text changed between two sets of snapshot hashes (number -> text sha256). */
export function changedSources(before: Record<string, string>, after: ReadonlyMap<number, string | null>): number[] {
  return Object.entries(before)
    .filter(([number, hash]) => {
      const now = after.get(Number(number));
      return now !== undefined && now !== null && now !== hash;
    })
    .map(([number]) => Number(number))
    .sort((a, b) => a - b);
}

export function sourceChangedReason(source: number): string {
  return `source ${source} content changed`;
}

/** "verifier offline 1.2 -> 1.3: no redraft" when any of the stored verifiers differs from today's. */
export function verifierChange(before: VerifierFingerprint[], after: VerifierFingerprint): string | null {
  const stale = before.filter((verifier) => verifier.id !== after.id || verifier.version !== after.version);
  if (stale.length === 0) return null;
  const from = stale.map((verifier) => (verifier.id === after.id ? verifier.version : `${verifier.id} ${verifier.version}`)).join(", ");
  const to = stale.every((verifier) => verifier.id === after.id) ? after.version : `${after.id} ${after.version}`;
  const prefix = stale.every((verifier) => verifier.id === after.id) ? `verifier ${after.id} ` : "verifier ";
  return `${prefix}${from} -> ${to}: no redraft`;
}

function unbumpedWarning(what: string, version: number): string {
  return `${what} changed without a version bump (still version ${version}): not redrafted; bump its version to regenerate`;
}
