import { parseArgs } from "node:util";
import path from "node:path";
import { InputError, StoreError, UsageError } from "../domain/errors.ts";
import { COMMON_OPTION_HELP, COMMON_OPTIONS, EXIT, type CliIo, type Command, type CommandEntry, type ParsedValues } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";

/** Entry point of the `wikigen` command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(mainHelp());
    return name === undefined ? EXIT.fatal : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${await packageVersion()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (!entry) {
    io.stderr(`wikigen: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.fatal;
  }
  let command: Command | undefined;
  let values: ParsedValues | undefined;
  try {
    command = await entry.load();
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: command.allowPositionals, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    values = parsed.values;
    if (parsed.values.help) {
      io.stdout(commandHelp(entry, command));
      return EXIT.ok;
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals, io });
  } catch (error) {
    if (error instanceof UsageError && command) {
      io.stderr(`wikigen ${entry.name}: ${error.message}\nusage: wikigen ${command.usage}\n(see wikigen ${entry.name} --help)\n`);
      return EXIT.fatal;
    }
    if (error instanceof InputError) {
      io.stderr(`wikigen ${entry.name}: ${error.message}\n`);
      return EXIT.fatal;
    }
    const storeError = error instanceof StoreError ? error : await explainStoreFailure(error, values, io);
    if (storeError) {
      io.stderr(`wikigen ${entry.name}: ${storeError.describe(shownPath(storeError.file, io.cwd))}\n`);
      return EXIT.fatal;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`wikigen ${entry.name}: fatal: ${message}\n`);
    if (io.env.WIKIGEN_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.fatal;
  }
}

/**
 * SQLite failing on the store file after it was opened (a damaged page read late in a job) carries
 * no file name; the command's own --db and config say which file it was. Loaded only on that path.
 */
async function explainStoreFailure(error: unknown, values: ParsedValues | undefined, io: CliIo): Promise<StoreError | undefined> {
  if (values === undefined) return undefined;
  const { isStoreFileFailure, storeErrorFrom } = await import("../store/store-failures.ts");
  if (!isStoreFileFailure(error)) return undefined;
  try {
    const { loadCliConfig } = await import("./context.ts");
    const { config } = await loadCliConfig(values, io);
    return storeErrorFrom(error, config.paths.db);
  } catch {
    return undefined;
  }
}

/** A path inside the working directory relative to it, as the user typed it; others in full. */
function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    "wikigen: drafts clinical wiki articles with a language model and verifies every sourced sentence.",
    "",
    "usage: wikigen <command> [options]",
    "",
    "commands:",
    ...lines,
    "",
    "Run `wikigen <command> --help` for a command's options.",
    "Exit codes: 0 done; 1 bad input or fatal error; 2 finished with failed items; 3 finished with claims flagged for review.",
    "",
  ].join("\n");
}

function commandHelp(entry: CommandEntry, command: Command): string {
  return [`usage: wikigen ${command.usage}`, "", entry.summary, "", "options:", ...[...command.optionHelp, ...COMMON_OPTION_HELP].map((line) => `  ${line}`), ""].join("\n");
}

async function packageVersion(): Promise<string> {
  const { PIPELINE_VERSION } = await import("../domain/pipeline-version.ts");
  return PIPELINE_VERSION;
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isStderrTty: Boolean(process.stderr.isTTY),
  };
}
