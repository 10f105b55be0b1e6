import type { Command } from "../command.ts";
import { checkCommand } from "./check.ts";
import { configCommand } from "./config.ts";
import { costCommand } from "./cost.ts";
import { decideCommand } from "./decide.ts";
import { extractCommand } from "./extract.ts";
import { flagsCommand } from "./flags.ts";
import { diffCommand } from "./diff.ts";
import { generateCommand } from "./generate.ts";
import { historyCommand } from "./history.ts";
import { planCommand } from "./plan.ts";
import { regenCommand } from "./regen.ts";
import { renderCommand } from "./render.ts";
import { reviewCommand } from "./review.ts";
import { runsCommand } from "./runs.ts";
import { scheduleCommand } from "./schedule.ts";
import { sourcesCommand } from "./sources.ts";

export const COMMANDS: readonly Command[] = [generateCommand, sourcesCommand, extractCommand, checkCommand, configCommand, renderCommand, flagsCommand, decideCommand, reviewCommand, planCommand, regenCommand, historyCommand, diffCommand, scheduleCommand, runsCommand, costCommand];
