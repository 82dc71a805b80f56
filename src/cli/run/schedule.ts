// `microgoals schedule [dir]`: the long-running service. Loads the project once for the cron
// expression, then on every tick runs reportWithHistory (which reloads the spec, so edits apply to
// the next run). SIGTERM/SIGINT stop it cleanly: no new runs, the current one may finish within the
// grace period, exit 0. A second signal stops at once.

import { join } from "node:path";
import { UsageError } from "../../errors.js";
import type { Format } from "../../report/render/format.js";
import { projectRules } from "../../report/rules/index.js";
import { CronExpressionError, cronTicker } from "../../schedule/cron-ticker.js";
import { reportWithHistory } from "../../schedule/report-with-history.js";
import { runScheduled } from "../../schedule/run-scheduled.js";
import { checkAlertFlags, checkTimezone } from "./flag-checks.js";

export interface ScheduleFlags {
  once?: boolean;
  cron?: string;
  timezone?: string;
  target?: string;
  since?: string;
  until?: string;
  format: string;
  out?: string;
  summaryMd?: string;
  history?: string;
  alertOn: string[];
  webhook?: string;
  grace: string;
  endpoint?: string;
  credentials?: string;
  /** false with --no-adjust */
  adjust?: boolean;
}

const EXTENSION: Record<string, string> = { table: "txt", md: "md", csv: "csv", json: "json", html: "html" };

export async function runScheduleCommand(dir: string, flags: ScheduleFlags): Promise<number> {
  const { isFormat, FORMATS } = await import("../../report/render/format.js");
  if (!isFormat(flags.format))
    throw new UsageError(`unknown --format ${flags.format}`, `use one of: ${FORMATS.join(", ")}`);
  const graceMs = Number(flags.grace) * 1000;
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new UsageError(`--grace must be a number of seconds`);
  checkAlertFlags(flags.alertOn);
  checkTimezone(flags.timezone);

  const { loadValidProject } = await import("../../project/load-valid.js");
  const project = await loadValidProject(dir, {
    rules: projectRules,
    consequence: "the schedule did not start",
  });
  const expression = flags.cron ?? project.report.schedule;
  if (!flags.once && !expression)
    throw new UsageError(
      "no schedule",
      "set report.schedule in microgoals.yaml, pass --cron EXPR, or use --once",
    );
  let ticker: ReturnType<typeof cronTicker> | undefined;
  if (!flags.once) {
    try {
      ticker = cronTicker(expression!, flags.timezone);
    } catch (err) {
      if (err instanceof CronExpressionError) throw new UsageError(err.message);
      throw err;
    }
  }

  const out = flags.out ?? join(dir, "reports", `latest.${EXTENSION[flags.format]}`);
  const historyPath = flags.history ?? join(dir, "reports", "history.jsonl");
  // The webhook URL is a secret: prefer the environment over argv (visible in `ps`).
  const webhookUrl = flags.webhook ?? process.env.MICROGOALS_WEBHOOK_URL;
  const log = (line: string) => console.log(line);

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      log(`${signal} again: stopping now`);
      process.exit(0);
    }
    log(`${signal}: stopping after the current run`);
    stop.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  if (!flags.once) log(`microgoals schedule: "${expression}" for ${project.name}; writing ${out}`);
  try {
    const summary = await runScheduled({
      once: flags.once,
      ticker,
      stop: stop.signal,
      graceMs,
      log,
      job: async (signal) => {
        const { record } = await reportWithHistory({
          dir,
          target: flags.target,
          since: flags.since,
          until: flags.until,
          format: flags.format as Format,
          out,
          summaryMd: flags.summaryMd,
          historyPath,
          alertOn: flags.alertOn,
          webhookUrl,
          webhook: { signal },
          endpoint: flags.endpoint,
          credentials: flags.credentials,
          adjust: flags.adjust,
          log,
        });
        const hook = record.webhook ? `, webhook ${record.webhook.ok ? "delivered" : "failed"}` : "";
        return { exitCode: record.exitCode, alerts: record.alerts.length, detail: `wrote ${out}${hook}` };
      },
    });
    // --once behaves like `report`: 3 when an alert fired. A service that was stopped exits 0.
    return flags.once ? summary.lastExitCode : 0;
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  }
}
