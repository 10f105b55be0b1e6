#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx wikigen` works right after `npm install`
// without a build step.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2));
