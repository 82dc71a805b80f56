import type { Command } from "commander";

/** The options plan and apply share for reaching Google (or the emulator): quota, endpoint, time scale, key. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option("--quota <n>", "GTM calls per 100 s for this project (default 25)")
    .option("--endpoint <url>", "send every API call to this server (the emulator); env MICROGOALS_ENDPOINT")
    .option(
      "--time-scale <x>",
      "with --endpoint: the emulator's --time-scale (its quota window runs x times faster); env MICROGOALS_TIME_SCALE",
    )
    .option(
      "--credentials <key.json>",
      "service-account key file (default: Application Default Credentials)",
    );
}
