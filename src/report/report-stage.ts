// The report's long stages, announced on a diagnostics channel (node:diagnostics_channel) so the CLI
// can show on a terminal what a report is doing: an adjusted report on 10M events takes ~17 s, and
// the terminal stayed silent through it. With no subscriber a publish does nothing, and nothing the
// pipeline computes depends on who listens. A stage that keeps this thread busy for seconds (the
// bootstrap: ~2.5 s on 10M events) also reports how far it got, on a channel of its own: a
// terminal's timer cannot redraw while the thread computes, so the line is redrawn on progress.
import { channel } from "node:diagnostics_channel";

export const REPORT_STAGE_CHANNEL = "microgoals:report-stage";

const stages = channel(REPORT_STAGE_CHANNEL);

/** Announces that the report now does `stage` (a short phrase: "adjusted effects: …"). */
export function reportStage(stage: string): void {
  if (stages.hasSubscribers) stages.publish(stage);
}

export const REPORT_PROGRESS_CHANNEL = "microgoals:report-progress";

const progress = channel(REPORT_PROGRESS_CHANNEL);

/** Whether anyone listens for progress (a terminal shows the stages): measuring it can be skipped. */
export function progressWanted(): boolean {
  return progress.hasSubscribers;
}

/** How far the current stage got: a fraction from 0 to 1. */
export function reportProgress(fraction: number): void {
  if (progress.hasSubscribers) progress.publish(fraction);
}
