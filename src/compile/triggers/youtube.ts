// YouTube Video trigger, parameters as the reference exports write them. GTM has one checkbox for
// "Pause, Seeking, and Buffering" (capturePause), so spec `pause` and `seek` both turn it on.
import { compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import type { GtmParameter } from "../desired-state.js";
import { boolean, template } from "../gtm-parameter.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export function youtubeTrigger(t: SpecOf<"youtube">, ctx: CompileContext): TriggerShape {
  for (const b of ["video_provider", "video_title", "video_url", "video_percent", "video_status"] as const)
    ctx.builtIn(b);
  const progress = [...new Set(t.progressPercents)].sort((a, b) => a - b);
  const parameter: GtmParameter[] = [
    boolean("captureStart", t.start),
    boolean("captureComplete", t.complete),
    boolean("captureProgress", progress.length > 0),
    boolean("capturePause", t.pause || t.seek),
    boolean("fixMissingApi", true),
    template("triggerStartOption", "DOM_READY"),
  ];
  if (progress.length > 0) {
    parameter.push(template("radioButtonGroup1", "PERCENTAGE"));
    parameter.push(template("progressThresholdsPercent", progress.join(",")));
  }
  return { type: "youTubeVideo", filter: compileConditions(t.conditions, ctx), parameter };
}
