import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../../domain/errors.ts";
import { createVerifier } from "../../pipeline/wiring/create-verifier.ts";
import { preflightModels } from "../../pipeline/wiring/preflight-models.ts";
import { checkClaimsJsonl } from "../../verification/check-claims.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";

export const checkCommand: Command = {
  usage: "check --input claims.jsonl [--output verdicts.jsonl] [--verifier offline|llm|cascade]",
  optionHelp: [
    '--input FILE     JSONL, one {"id", "claim", "source_text" | "source_file", "quote"?} per line',
    "--output FILE    write verdict lines here instead of stdout",
    "--verifier NAME  offline (default), llm or cascade (the judge needs ANTHROPIC_API_KEY)",
  ],
  options: { input: { type: "string" }, output: { type: "string" }, verifier: { type: "string" } },
  allowPositionals: false,
  async run({ values, io }) {
    if (typeof values.input !== "string") throw new UsageError("--input is required");
    const inputPath = path.resolve(io.cwd, values.input);
    let inputText: string;
    try {
      inputText = await readFile(inputPath, "utf8");
    } catch (error) {
      throw new UsageError(`${values.input}: cannot read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`);
    }
    const { config } = await loadCliConfig(values, io);
    const verifier = await createVerifier(config, undefined, io.env);
    for (const line of await preflightModels({ config, verifier })) io.stderr(`${line}\n`);
    const lines: string[] = [];
    const problems: string[] = [];
    const result = await checkClaimsJsonl({
      inputText,
      inputName: values.input,
      baseDir: path.dirname(inputPath),
      localRoots: config.paths.local_roots,
      verifier,
      writeLine: (line) => {
        if (typeof values.output === "string") lines.push(line);
        else io.stdout(`${line}\n`);
      },
      reportProblem: (message) => {
        problems.push(message);
        io.stderr(`${message}\n`);
      },
    });
    if (typeof values.output === "string") {
      const target = path.resolve(io.cwd, values.output);
      await writeFile(`${target}.tmp`, lines.map((line) => `${line}\n`).join(""));
      await rename(`${target}.tmp`, target);
    }
    io.stderr(`checked ${result.checked} claim(s) with ${verifier.id} ${verifier.version}; ${result.malformed} malformed, ${result.failed} failed\n`);
    return result.malformed + result.failed > 0 ? EXIT.failedItems : EXIT.ok;
  },
};
