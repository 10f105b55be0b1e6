import { readFileSync } from "node:fs";

// The pipeline version is the package version: a release that changes output bumps it, and the
// regeneration plan treats a bump as a reason to redo work. Read once, lazily, from package.json.
const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export const PIPELINE_VERSION: string = packageJson.version;
