// Every CLI command, in help order. Each module exports register(program) and nothing heavy.
import type { Command } from "commander";
import { register as apply } from "./commands/apply.js";
import { register as codegen } from "./commands/codegen.js";
import { register as compile } from "./commands/compile.js";
import { register as demo } from "./commands/demo.js";
import { register as discover } from "./commands/discover.js";
import { register as emulator } from "./commands/emulator.js";
import { register as exportCmd } from "./commands/export.js";
import { register as importCmd } from "./commands/import.js";
import { register as init } from "./commands/init.js";
import { register as offline } from "./commands/offline.js";
import { register as plan } from "./commands/plan.js";
import { register as promote } from "./commands/promote.js";
import { register as report } from "./commands/report.js";
import { register as schedule } from "./commands/schedule.js";
import { register as score } from "./commands/score.js";
import { register as validate } from "./commands/validate.js";

export const commands: ((program: Command) => void)[] = [
  init,
  validate,
  compile,
  exportCmd,
  importCmd,
  codegen,
  plan,
  apply,
  promote,
  report,
  discover,
  offline,
  score,
  schedule,
  emulator,
  demo,
];
