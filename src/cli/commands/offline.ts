// `microgoals offline send <file>`: offline macro conversions (source: offline goals) to GA4 through
// the Measurement Protocol, each row once (see docs/offline.md).
import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { OfflineReconcileFlags } from "../run/offline-reconcile.js";
import type { OfflineSendFlags } from "../run/offline-send.js";

/** Every other command takes the project as `[dir]`; `--dir` stays for scripts written before. */
function projectDir(positional: string | undefined, flag: string | undefined): string {
  if (positional !== undefined && flag !== undefined && positional !== flag)
    throw new UsageError(`two project directories: ${positional} and --dir ${flag}; give one`);
  return positional ?? flag ?? ".";
}

export function register(program: Command): void {
  const offline = program
    .command("offline")
    .description("Send offline macro conversions (calls, deals) to GA4 through the Measurement Protocol");
  offline
    .command("send")
    .description("Send each row of a CSV or NDJSON file once, as the goal's event (docs/offline.md)")
    .argument(
      "<file>",
      "rows: client_id, user_id, timestamp, value, currency, transaction_id (.csv or .ndjson)",
    )
    .argument("[dir]", "project directory (default: .)")
    .requiredOption("-g, --goal <id>", "the offline macro goal (source: offline)")
    .option("-d, --dir <dir>", "project directory, as the [dir] argument")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option("--dry-run", "check every row and validate every request with Google; send nothing")
    .option("--skip-bad", "send the good rows even when some are refused (default: all or nothing)")
    .option(
      "--resend-in-doubt",
      "also resend rows whose earlier request got no reply (they may be counted twice)",
    )
    .option(
      "--api-secret-file <file>",
      "file holding the Measurement Protocol API secret (default: env MICROGOALS_MP_API_SECRET)",
    )
    .option(
      "--ledger <file>",
      "send ledger (default: <dir>/.microgoals/offline/<goal>.<measurement id>.ledger.json)",
    )
    .option(
      "--endpoint <url>",
      "send to this server (the emulator) instead of Google; env MICROGOALS_ENDPOINT",
    )
    .action(async (file: string, dir: string | undefined, flags: OfflineSendFlags) => {
      const { runOfflineSend } = await import("../run/offline-send.js");
      await runOfflineSend(file, { ...flags, dir: projectDir(dir, flags.dir) });
    });
  offline
    .command("reconcile")
    .description(
      "Settle in-doubt rows from GA4's data: confirmed ones count as sent, missing ones are sent next time",
    )
    .argument("[dir]", "project directory (default: .)")
    .requiredOption("-g, --goal <id>", "the offline macro goal (source: offline)")
    .option("-d, --dir <dir>", "project directory, as the [dir] argument")
    .option("-t, --target <name>", "target from microgoals.yaml (default: default_target)")
    .option(
      "--ledger <file>",
      "send ledger (default: <dir>/.microgoals/offline/<goal>.<measurement id>.ledger.json)",
    )
    .option("--endpoint <url>", "Data API endpoint (the emulator); env MICROGOALS_ENDPOINT")
    .option("--credentials <file>", "service-account key file (default: Application Default Credentials)")
    .action(async (dir: string | undefined, flags: OfflineReconcileFlags) => {
      const { runOfflineReconcile } = await import("../run/offline-reconcile.js");
      await runOfflineReconcile({ ...flags, dir: projectDir(dir, flags.dir) });
    });
}
