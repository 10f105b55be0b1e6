import type { Command } from "../command.ts";
import { checkCommand } from "./check.ts";
import { configCommand } from "./config.ts";
import { extractCommand } from "./extract.ts";
import { generateCommand } from "./generate.ts";
import { sourcesCommand } from "./sources.ts";

export const COMMANDS: readonly Command[] = [generateCommand, sourcesCommand, extractCommand, checkCommand, configCommand];
