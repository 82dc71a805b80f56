// Dispatch from the spec's trigger kind to its compiler (one file per kind).
import type { TriggerSpec } from "../../project/model.js";
import type { CompileContext } from "../context.js";
import { clickTrigger } from "./click.js";
import { dataLayerTrigger } from "./data-layer.js";
import { elementVisibilityTrigger } from "./element-visibility.js";
import { engagementTrigger } from "./engagement.js";
import { formSubmitTrigger } from "./form-submit.js";
import { historyChangeTrigger } from "./history-change.js";
import { linkClickTrigger } from "./link-click.js";
import { pageViewTrigger } from "./page-view.js";
import { scrollDepthTrigger } from "./scroll-depth.js";
import { timerTrigger } from "./timer.js";
import type { TriggerShape } from "./trigger-shape.js";
import { youtubeTrigger } from "./youtube.js";

export function compileTrigger(t: TriggerSpec, ctx: CompileContext): TriggerShape {
  switch (t.kind) {
    case "page_view":
      return pageViewTrigger(t, ctx);
    case "history_change":
      return historyChangeTrigger(t, ctx);
    case "click":
      return clickTrigger(t, ctx);
    case "link_click":
      return linkClickTrigger(t, ctx);
    case "form_submit":
      return formSubmitTrigger(t, ctx);
    case "data_layer":
      return dataLayerTrigger(t, ctx);
    case "scroll_depth":
      return scrollDepthTrigger(t, ctx);
    case "timer":
      return timerTrigger(t, ctx);
    case "youtube":
      return youtubeTrigger(t, ctx);
    case "element_visibility":
      return elementVisibilityTrigger(t, ctx);
    case "engagement":
      return engagementTrigger(t, ctx);
    case "offline":
      // compile.ts skips offline goals: they have no GTM entities, only a GA4 key event.
      throw new Error("an offline goal has no GTM trigger");
  }
}
