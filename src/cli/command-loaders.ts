// Each command's registration module by name, loaded on demand: `microgoals validate` loads only
// validate's registration, not all fifteen (cold start, issue 19). Help order; keep in step with
// registry.ts (test/cli/command-loaders.test.ts).
import type { Command } from "commander";

type Registration = Promise<{ register: (program: Command) => void }>;

export const commandLoaders: Record<string, () => Registration> = {
  init: () => import("./commands/init.js"),
  validate: () => import("./commands/validate.js"),
  compile: () => import("./commands/compile.js"),
  export: () => import("./commands/export.js"),
  import: () => import("./commands/import.js"),
  codegen: () => import("./commands/codegen.js"),
  plan: () => import("./commands/plan.js"),
  apply: () => import("./commands/apply.js"),
  promote: () => import("./commands/promote.js"),
  report: () => import("./commands/report.js"),
  discover: () => import("./commands/discover.js"),
  offline: () => import("./commands/offline.js"),
  score: () => import("./commands/score.js"),
  schedule: () => import("./commands/schedule.js"),
  emulator: () => import("./commands/emulator.js"),
  demo: () => import("./commands/demo.js"),
};

/**
 * The registrations `argv` needs: none for `--version`, its command's alone when the first argument
 * names one, else all (program help, `help <command>`, an unknown command's suggestions).
 */
export async function registrationsFor(argv: readonly string[]): Promise<((program: Command) => void)[]> {
  const first = argv[0];
  if (argv.length === 1 && (first === "-V" || first === "--version")) return [];
  const only =
    first !== undefined && Object.hasOwn(commandLoaders, first) ? [commandLoaders[first]!] : undefined;
  const modules = await Promise.all((only ?? Object.values(commandLoaders)).map((load) => load()));
  return modules.map((m) => m.register);
}
