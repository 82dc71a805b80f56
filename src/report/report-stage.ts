// The report's long stages, announced on a diagnostics channel (node:diagnostics_channel) so the CLI
// can show on a terminal what a report is doing: an adjusted report on 10M events takes ~17 s, and
// the terminal stayed silent through it. With no subscriber a publish does nothing, and nothing the
// pipeline computes depends on who listens.
import { channel } from "node:diagnostics_channel";

export const REPORT_STAGE_CHANNEL = "microgoals:report-stage";

const stages = channel(REPORT_STAGE_CHANNEL);

/** Announces that the report now does `stage` (a short phrase: "adjusted effects: …"). */
export function reportStage(stage: string): void {
  if (stages.hasSubscribers) stages.publish(stage);
}
