// `npm run bench`: every benchmark of the project, each printed with what it measured. Benchmarks
// that need ../shared/eval skip with a message when it is absent. Results are written to
// bench/out/results.json (git-ignored); the figures quoted in README.md and bench/RESULTS.md come
// from runs of this command.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchExtraction } from "./extraction.ts";
import { benchPacing } from "./pacing.ts";
import { benchPerturbation } from "./perturbation.ts";
import { benchPhi } from "./phi.ts";
import { benchScale } from "./scale.ts";
import { benchStartup } from "./startup.ts";
import { benchVerifier } from "./verifier.ts";
import { benchVerifierSpeed } from "./verifier-speed.ts";
import { benchTextStack } from "./text-stack.ts";

const BENCHES: { name: string; run: () => Promise<unknown> }[] = [
  { name: "extraction (../shared/eval/extraction, dev)", run: benchExtraction },
  { name: "verifier (../shared/eval/claims, dev, cross-validated)", run: benchVerifier },
  { name: "verifier speed (indexed sources against the pre-index verifier: equality, claims/s, a 1 MB source)", run: benchVerifierSpeed },
  { name: "text stack (wink-nlp sentences, stems and index against the text code it replaced)", run: benchTextStack },
  { name: "perturbation (one fact changed in WiCE dev supported claims and the example article's claims; shipped offline verifier)", run: () => benchPerturbation() },
  { name: "scale (50 articles x 14 sections, fake Messages API, rate limit, faults, caching)", run: benchScale },
  { name: "pacing (20 articles x 14 sections, a limit of 600 requests a minute the fake announces only in its headers, no limits in the config)", run: benchPacing },
  { name: "phi (the PHI guard on test/fixtures/phi-corpus: false refusals and per-kind recall, per set)", run: benchPhi },
  { name: "startup (wikigen --help and config against node -e 0 and the tsx start; needs npm run build)", run: benchStartup },
];

const only = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const bench of BENCHES) {
  if (only.length > 0 && !only.some((name) => bench.name.startsWith(name))) continue;
  process.stderr.write(`running ${bench.name} ...\n`);
  const started = performance.now();
  const result = await bench.run();
  results[bench.name] = result;
  process.stdout.write(`\n## ${bench.name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n${JSON.stringify(result, null, 2)}\n`);
}
const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "out");
await mkdir(outDir, { recursive: true });
await writeFile(path.join(outDir, "results.json"), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
