// The boundary rules in .dependency-cruiser.cjs, run through dependency-cruiser's own API on a
// fixture tree (test/fixtures/boundaries) that keeps the house layout and breaks each rule once.
// The rules are loaded from the same file `npm run check:boundaries` uses, so a rule that stops
// catching what it should fails here first.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { cruise, type ICruiseOptions, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import { afterEach, describe, expect, it } from "vitest";

const configFile = fileURLToPath(new URL("../.dependency-cruiser.cjs", import.meta.url));
const fixtureDir = fileURLToPath(new URL("./fixtures/boundaries", import.meta.url));

interface ReportedViolation {
  rule: string;
  from: string;
  to: string;
  cycle?: string[];
}

// Every deliberately bad import in the fixture, one per rule (two for stage-imports-stage: a value
// import and a type-only one), sorted by rule and then by importing file.
const fixtureViolations: ReportedViolation[] = [
  {
    rule: "cli-imported-outside-cli",
    from: "src/pipeline/report-progress.ts",
    to: "src/cli/format-table.ts",
  },
  {
    rule: "domain-imports-outside-domain",
    from: "src/domain/describe-article.ts",
    to: "src/store/open-store.ts",
  },
  {
    rule: "no-circular",
    from: "src/retrieval/rank-passages.ts",
    to: "src/retrieval/split-passages.ts",
    cycle: ["src/retrieval/split-passages.ts", "src/retrieval/rank-passages.ts"],
  },
  {
    rule: "pipeline-imported-outside-composers",
    from: "src/review/regenerate-after-review.ts",
    to: "src/pipeline/generate-article.ts",
  },
  {
    rule: "production-imports-test-code",
    from: "src/sources/fetch-from-fake-server.ts",
    to: "test/helpers/fake-source-server.ts",
  },
  {
    rule: "shared-layer-imports-beyond-domain",
    from: "src/store/save-rendered-article.ts",
    to: "src/render/render-article.ts",
  },
  {
    rule: "stage-imports-stage",
    from: "src/render/render-decision-badge.ts",
    to: "src/review/decide-flag.ts",
  },
  {
    rule: "stage-imports-stage",
    from: "src/verification/verify-rendered-claim.ts",
    to: "src/render/render-article.ts",
  },
];

// Cruises baseDir/src with the repository's rules; paths in the result are relative to baseDir,
// so the rules' `^src/` and `^test/` patterns apply to the fixture as they do to the repository.
async function cruiseTree(
  baseDir: string,
  extra: Pick<ICruiseOptions, "exclude" | "outputType"> = {},
): Promise<{ output: ICruiseResult | string; exitCode: number }> {
  const options = await extractDepcruiseOptions(configFile);
  return cruise(["src"], { ...options, ...extra, baseDir });
}

async function violationsIn(
  baseDir: string,
  extra: Pick<ICruiseOptions, "exclude"> = {},
): Promise<{ violations: ReportedViolation[]; totalCruised: number; modules: string[] }> {
  const { output } = await cruiseTree(baseDir, extra);
  if (typeof output === "string") throw new Error(`expected a cruise result, got: ${output}`);
  const violations = output.summary.violations
    .map(({ rule, from, to, cycle }) => ({
      rule: rule.name,
      from,
      to,
      ...(cycle ? { cycle: cycle.map(({ name }) => name) } : {}),
    }))
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.from.localeCompare(b.from));
  return {
    violations,
    totalCruised: output.summary.totalCruised,
    modules: output.modules.map(({ source }) => source),
  };
}

// The report `npm run check:boundaries` prints (`--output-type err`), and its exit code.
async function errReport(
  baseDir: string,
  extra: Pick<ICruiseOptions, "exclude"> = {},
): Promise<{ text: string; exitCode: number }> {
  const { output, exitCode } = await cruiseTree(baseDir, { ...extra, outputType: "err" });
  if (typeof output !== "string") throw new Error("the err reporter returned a cruise result");
  return { text: stripVTControlCharacters(output), exitCode };
}

describe("boundary rules (.dependency-cruiser.cjs)", () => {
  let tempDir: string | undefined;
  afterEach(() => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  });

  it("report each deliberately bad import in the fixture, and nothing in its clean files", async () => {
    const { violations } = await violationsIn(fixtureDir);

    expect(violations).toEqual(fixtureViolations);
  });

  it("fail with an err report that names both files of every violation", async () => {
    const { text, exitCode } = await errReport(fixtureDir);

    expect(exitCode).toBe(fixtureViolations.length);
    expect(text).toBe(
      [
        "",
        "  error stage-imports-stage: src/verification/verify-rendered-claim.ts → src/render/render-article.ts",
        "  error stage-imports-stage: src/render/render-decision-badge.ts → src/review/decide-flag.ts",
        "  error shared-layer-imports-beyond-domain: src/store/save-rendered-article.ts → src/render/render-article.ts",
        "  error production-imports-test-code: src/sources/fetch-from-fake-server.ts → test/helpers/fake-source-server.ts",
        "  error pipeline-imported-outside-composers: src/review/regenerate-after-review.ts → src/pipeline/generate-article.ts",
        "  error no-circular: src/retrieval/rank-passages.ts → ",
        "      src/retrieval/split-passages.ts →",
        "      src/retrieval/rank-passages.ts",
        "  error domain-imports-outside-domain: src/domain/describe-article.ts → src/store/open-store.ts",
        "  error cli-imported-outside-cli: src/pipeline/report-progress.ts → src/cli/format-table.ts",
        "",
        "x 8 dependency violations (8 errors, 0 warnings). 31 modules, 44 dependencies cruised.",
        "",
        "",
      ].join("\n"),
    );
  });

  it("pass the fixture's clean files once the bad importers are left out", async () => {
    const badImporters = [...new Set(fixtureViolations.map(({ from }) => from))];
    const exclude = { path: badImporters.map((file) => `^${file.replaceAll(".", "\\.")}$`) };
    const { violations, totalCruised } = await violationsIn(fixtureDir, { exclude });
    const { text, exitCode } = await errReport(fixtureDir, { exclude });

    expect(violations).toEqual([]);
    // 31 modules, less the 8 bad importers and the test helper only one of them reaches: the
    // clean files were all cruised, so their passing is not for want of looking.
    expect(totalCruised).toBe(22);
    expect({ text, exitCode }).toEqual({
      text: "\n✔ no dependency violations found (22 modules, 31 dependencies cruised)\n\n",
      exitCode: 0,
    });
  });

  it("let a *.test.ts file in src/ import any stage, the composers and test/", async () => {
    tempDir = mkdtempSync(join(tmpdir(), "wikigen-boundaries-"));
    cpSync(fixtureDir, tempDir, { recursive: true });
    // Named *.test.ts, so it is written here at run time: in the fixture folder vitest would
    // collect it as a test file.
    writeFileSync(
      join(tempDir, "src/verification/verify-claim.test.ts"),
      [
        'import "../render/render-article.ts";',
        'import type { Decision } from "../review/decide-flag.ts";',
        'import "../pipeline/generate-article.ts";',
        'import "../cli/format-table.ts";',
        'import "../../test/helpers/fake-source-server.ts";',
        'import "./verify-claim.ts";',
        "export const decision: Decision = 'approve';",
        "",
      ].join("\n"),
    );

    const { violations, modules } = await violationsIn(tempDir);

    expect(violations).toEqual(fixtureViolations);
    expect(modules).toContain("src/verification/verify-claim.test.ts");
  });
});
