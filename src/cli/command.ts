import type { ParseArgsConfig } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  isStderrTty: boolean;
}

export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A command's module; its name and summary are in commands/index.ts, which lists commands without loading them. */
export interface Command {
  /** Usage line after "wikigen ", e.g. "sources <spec...> [--refresh]". */
  usage: string;
  /** One line per option, shown by --help. */
  optionHelp: string[];
  options: OptionSpec;
  allowPositionals: boolean;
  run(args: { values: ParsedValues; positionals: string[]; io: CliIo }): Promise<number>;
}

export interface CommandEntry {
  name: string;
  /** One line, shown by `wikigen --help` and under the usage line of the command's --help. */
  summary: string;
  load(): Promise<Command>;
}

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, fatal: 1, failedItems: 2, flagged: 3 } as const;

export const COMMON_OPTIONS: OptionSpec = {
  config: { type: "string" },
  db: { type: "string" },
  help: { type: "boolean", short: "h" },
};

export const COMMON_OPTION_HELP = [
  "--config FILE   configuration file (default: wikigen.config.yaml if present)",
  "--db FILE       SQLite store (default: runs.db)",
  "-h, --help      show this help",
];
