// What a terminal would be shown while `run` runs: the stages announced on the report's diagnostics
// channel (src/report/report-stage.ts), in order, beside run's result.
import { channel } from "node:diagnostics_channel";
import { REPORT_STAGE_CHANNEL } from "../../src/report/report-stage.js";

export async function stagesDuring<T>(run: () => Promise<T>): Promise<{ result: T; stages: unknown[] }> {
  const stages: unknown[] = [];
  const onStage = (stage: unknown) => stages.push(stage);
  channel(REPORT_STAGE_CHANNEL).subscribe(onStage);
  try {
    return { result: await run(), stages };
  } finally {
    channel(REPORT_STAGE_CHANNEL).unsubscribe(onStage);
  }
}
