// What happens after a report is written: compare with the previous period, append the run to the
// history, then notify the webhook. The order is deliberate: the report file is already on disk
// when this runs, the history entry is appended before any network call, and a webhook failure is
// only reported — it can never cost the report or the history entry.
import type { AlertRule } from "./alert-rule.js";
import { ALERT_EXIT_CODE, type Alert, detectAlerts } from "./alerts.js";
import { appendHistory, describeHistoryProblems, type HistoryRead, readHistoryTolerant } from "./history.js";
import type { HistoryEntry } from "./history-entry.js";
import { previousPeriodEntry } from "./previous-period.js";
import { type MessageSummary, slackMessage } from "./slack-message.js";
import { postWebhook, type WebhookOptions, type WebhookResult } from "./webhook.js";

export interface RecordRunOptions {
  entry: HistoryEntry;
  /** JSONL history file; without it there is nothing to compare with and nothing is stored */
  historyPath?: string;
  /** the history as read before rendering (to chart the trend); read here when absent */
  history?: HistoryRead;
  /** rules from report.alerts and --alert-on, parsed by the caller (a typo stops the run before the report) */
  rules?: AlertRule[];
  alpha?: number;
  webhookUrl?: string;
  webhook?: WebhookOptions;
  /** message title and summary lines; derived from the entry when absent */
  summary?: Partial<MessageSummary>;
  /** where progress and warnings go (default stderr) */
  log?: (line: string) => void;
}

export interface RecordRunResult {
  previous?: HistoryEntry;
  alerts: Alert[];
  /** problems found reading the history (skipped lines), as "file:line: message" */
  historyProblems: string[];
  historyWritten: boolean;
  historyError?: string;
  webhook?: WebhookResult;
  /** 0 ok, 3 an alert fired, 1 the history could not be written */
  exitCode: number;
}

export async function recordRun(options: RecordRunOptions): Promise<RecordRunResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const rules = options.rules ?? [];
  const { entry, historyPath } = options;
  const history =
    options.history ?? (historyPath ? readHistoryTolerant(historyPath) : { entries: [], problems: [] });
  const historyProblems = historyPath ? describeHistoryProblems(historyPath, history.problems) : [];
  for (const p of historyProblems) log(`warning: ${p}`);

  const previous = previousPeriodEntry(history.entries, entry);
  const alerts = detectAlerts(previous, entry, rules, { alpha: options.alpha });
  for (const a of alerts) log(`alert: ${a.message}`);

  let historyWritten = false;
  let historyError: string | undefined;
  if (historyPath) {
    try {
      await appendHistory(historyPath, entry);
      historyWritten = true;
    } catch (err) {
      historyError = err instanceof Error ? err.message : String(err);
      log(`error: history not written to ${historyPath}: ${historyError}`);
    }
  }

  let webhook: WebhookResult | undefined;
  if (options.webhookUrl) {
    const message = slackMessage(summaryOf(entry, options.summary), alerts);
    webhook = await postWebhook(options.webhookUrl, message, options.webhook);
    if (!webhook.ok)
      log(`warning: webhook ${webhook.target} failed after ${webhook.attempts} attempt(s): ${webhook.error}`);
  }

  const exitCode = historyError ? 1 : alerts.length > 0 ? ALERT_EXIT_CODE : 0;
  return { previous, alerts, historyProblems, historyWritten, historyError, webhook, exitCode };
}

function summaryOf(entry: HistoryEntry, given: Partial<MessageSummary> = {}): MessageSummary {
  const top = [...entry.pairs]
    .sort((a, b) => b.rate - a.rate || a.micro.localeCompare(b.micro))
    .slice(0, 5)
    .map(
      (p) => `${p.micro} → ${p.macro}: ${(p.rate * 100).toFixed(1)}% of ${p.n.toLocaleString("en-US")} users`,
    );
  return {
    title: given.title ?? `microgoals report (${entry.target})`,
    period: given.period ?? `${entry.period.since} – ${entry.period.until}`,
    lines: given.lines ?? [...top, ...entry.caveats.map((c) => `caveat: ${c}`)],
    link: given.link,
  };
}
