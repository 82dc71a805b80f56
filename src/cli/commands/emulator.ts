// `microgoals emulator`: the local GTM + GA4 API emulator, until SIGINT/SIGTERM; optionally with
// real GA4 export events loaded (--load) so the Data API path runs on them.
import type { Command } from "commander";
import type { EmulatorCommandOptions } from "../run/emulator.js";

export function register(program: Command): void {
  program
    .command("emulator")
    .description("Run the local Google Tag Manager + GA4 API emulator (for tests, CI and the demo).")
    .option("--port <port>", "port on 127.0.0.1 (0 picks a free one)", "8085")
    .option("--seed <n>", "seed for fault injection", "1")
    .option("--state <file.json>", "load state from this file and persist every change to it")
    .option("--time-scale <x>", "run quota windows x times faster (e.g. 100)", "1")
    .option("--faults <json>", 'fault injection config as JSON, e.g. \'{"rates":{"http503":0.1}}\'')
    .option("--threshold-users <n>", "Data API: withhold rows with fewer users (subjectToThresholding)")
    .option(
      "--exact-counts",
      "Data API: count users and sessions exactly instead of with GA4's HyperLogLog++ estimates",
    )
    .option("--load <glob>", "load GA4 export files (Parquet or NDJSON) into the Data API's events at start")
    .option("--load-property <id>", "GA4 property the loaded events belong to", "1")
    .option(
      "--stream <id=property>",
      "Measurement Protocol: hits for this measurement id belong to this property (repeatable), e.g. G-STAGING01=300000001",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option(
      "--strict-ids",
      "answer 404 for GTM accounts and containers it does not have, like Google (default: create them on first use)",
    )
    .action(async (options: EmulatorCommandOptions) => {
      const { runEmulator } = await import("../run/emulator.js");
      await runEmulator(options);
    });
}
