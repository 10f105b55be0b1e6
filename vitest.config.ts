import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The JSON report is what .ci/run reads to print its "N passed, N failed" totals line.
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
  },
});
