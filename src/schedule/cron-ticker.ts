// Cron expressions through croner (a maintained cron library: 5 fields, or 6 with seconds, plus
// nicknames like @weekly), behind a tiny interface so the scheduler can be driven by hand in tests.
import { Cron } from "croner";

export interface Ticker {
  /** when the next tick will come, or null if never */
  next(): Date | null;
  stop(): void;
}

export type TickerFactory = (onTick: () => void) => Ticker;

export class CronExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`invalid cron expression "${expression}": ${reason}`);
    this.name = "CronExpressionError";
  }
}

/** Throws CronExpressionError for an expression croner rejects or that never fires. */
export function checkCronExpression(expression: string, timezone?: string): void {
  let job: Cron;
  try {
    job = new Cron(expression, { paused: true, timezone });
  } catch (err) {
    throw new CronExpressionError(expression, err instanceof Error ? err.message : String(err));
  }
  const next = job.nextRun();
  job.stop();
  if (!next) throw new CronExpressionError(expression, "it never fires");
}

export function cronTicker(expression: string, timezone?: string): TickerFactory {
  checkCronExpression(expression, timezone);
  return (onTick) => {
    const job = new Cron(expression, { timezone }, () => onTick());
    return { next: () => job.nextRun(), stop: () => job.stop() };
  };
}
