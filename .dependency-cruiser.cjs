// The house boundaries (STYLE.md "The house", DESIGN.md "Data flow"), checked by dependency-cruiser.
// `npm run check:boundaries` cruises src/ with these rules, and test/boundaries.test.ts loads this
// same file to cruise a fixture tree, so the script and the test cannot drift apart.
//
// Paths in the rules are relative to the cruise's baseDir: the repository root for the script, the
// fixture folder for the test. Both have src/ and test/ at their top.
//
// Every rule below exempts tests (`*.test.ts` in src/, and everything in test/): a test may import
// whatever it needs.
//
// The stage rules name only the folders with narrower rights (domain, store, providers, config,
// spec) and the composers (pipeline, cli); every other folder under src/ is a stage by default, so
// a new stage, or scheduling/ renamed to pacing/, is covered without touching this file.

/** A test file; tests may import anything. */
const TEST_FILE = "\\.test\\.ts$";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "stage-imports-stage",
      severity: "error",
      comment:
        "A stage (any src/X/ other than domain, store, providers, config, spec, pipeline and cli) " +
        "imports only its own folder, src/domain/, src/store/ and src/providers/, never another " +
        "stage; only pipeline/ and cli/ compose stages.",
      from: {
        path: "^src/([^/]+)/",
        pathNot: ["^src/(domain|store|providers|config|spec|pipeline|cli)/", TEST_FILE],
      },
      to: {
        path: "^src/",
        // pipeline/ and cli/ have their own rules below, so an import of them is reported once.
        pathNot: ["^src/$1/", "^src/(domain|store|providers|pipeline|cli)/"],
      },
    },
    {
      name: "shared-layer-imports-beyond-domain",
      severity: "error",
      comment:
        "store/, providers/, config/ and spec/ import only their own folder and src/domain/: every " +
        "stage depends on them, so they must not depend on any stage.",
      from: {
        path: "^src/(store|providers|config|spec)/",
        pathNot: TEST_FILE,
      },
      to: {
        path: "^src/",
        pathNot: ["^src/$1/", "^src/domain/", "^src/(pipeline|cli)/"],
      },
    },
    {
      name: "domain-imports-outside-domain",
      severity: "error",
      comment:
        "src/domain/ (shared types, ids, errors, text) imports nothing else from src/: it sits " +
        "under every stage.",
      from: {
        path: "^src/domain/",
        pathNot: TEST_FILE,
      },
      to: {
        path: "^src/",
        pathNot: ["^src/domain/", "^src/(pipeline|cli)/"],
      },
    },
    {
      name: "pipeline-imported-outside-composers",
      severity: "error",
      comment: "Only src/pipeline/ itself and src/cli/ import src/pipeline/: stages are composed, they do not compose.",
      from: {
        path: "^src/",
        pathNot: ["^src/(pipeline|cli)/", TEST_FILE],
      },
      to: {
        path: "^src/pipeline/",
      },
    },
    {
      name: "cli-imported-outside-cli",
      severity: "error",
      comment:
        "Only src/cli/ itself imports src/cli/ (bin/ starts it, and is not cruised): the CLI is " +
        "the top of the program.",
      from: {
        path: "^src/",
        pathNot: ["^src/cli/", TEST_FILE],
      },
      to: {
        path: "^src/cli/",
      },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "No import circles in src/, type-only imports included: a circle means two modules are " +
        "one module, and the stage order stops being a direction.",
      from: {
        path: "^src/",
      },
      to: {
        circular: true,
      },
    },
    {
      name: "production-imports-test-code",
      severity: "error",
      comment:
        "A file in src/ that is not a test imports no test file (*.test.ts) and nothing under " +
        "test/: test helpers and fakes must never ship in the program.",
      from: {
        path: "^src/",
        pathNot: TEST_FILE,
      },
      to: {
        path: [TEST_FILE, "^test/"],
      },
    },
  ],
  options: {
    // `import type` and type-only re-exports vanish when compiled, but they still tie two
    // folders together, so they count.
    tsPreCompilationDeps: true,
    moduleSystems: ["es6", "cjs"],
    doNotFollow: {
      path: "node_modules",
    },
    // Resolve packages through their `exports` as Node does; without this, packages that only
    // declare `exports` (p-queue) come out unresolved.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
    // Compute only what the rules above need.
    skipAnalysisNotInRules: true,
  },
};
