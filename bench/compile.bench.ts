// Compile a generated 1,000-goal project (every trigger kind, shared and distinct triggers, params
// of every source) in-process: median of several runs, entity counts, export file size.
import { performance } from "node:perf_hooks";
import { canonicalJson } from "../src/compile/canonical-json.js";
import { compile } from "../src/compile/compile.js";
import { exportContainerJson } from "../src/compile/container-export.js";
import type { Goal, TriggerSpec } from "../src/project/model.js";
import { cond, goal, param, project } from "../test/compile/factory.js";

function triggerFor(i: number): TriggerSpec {
  const page = [cond({ builtin: "page_path" }, "starts_with", `/section-${i % 40}/`)];
  switch (i % 11) {
    case 0:
      return { kind: "page_view", conditions: page };
    case 1:
      return {
        kind: "history_change",
        conditions: [cond({ builtin: "page_path" }, "matches", `^/app/${i}/`)],
      };
    case 2:
      return { kind: "click", conditions: [cond({ builtin: "click_element" }, "css", `button.cta-${i}`)] };
    case 3:
      return { kind: "link_click", conditions: page, fileExtensions: ["pdf", "zip"], checkValidation: false };
    case 4:
      return {
        kind: "form_submit",
        conditions: [cond({ builtin: "form_id" }, "equals", `form-${i}`)],
        waitForTagsMs: 2000,
        checkValidation: true,
      };
    case 5:
      return {
        kind: "data_layer",
        event: `custom_event_${i}`,
        conditions: [cond({ dataLayer: "ecommerce.value" }, "gt", i % 7)],
      };
    case 6:
      return { kind: "scroll_depth", percents: [25 * ((i % 4) + 1)], conditions: page };
    case 7:
      return { kind: "timer", intervalMs: 1000 * (30 + (i % 5) * 30), limit: 1, conditions: page };
    case 8:
      return {
        kind: "youtube",
        start: true,
        complete: true,
        progressPercents: [25, 50, 75],
        pause: false,
        seek: false,
        conditions: [],
      };
    case 9:
      return {
        kind: "element_visibility",
        selector: `#block-${i}`,
        minPercentVisible: 50,
        firing: "once_per_page",
        observeDomChanges: false,
        conditions: [],
      };
    default:
      return { kind: "engagement", pagesPerSession: 2 + (i % 5), conditions: [] };
  }
}

export function thousandGoals(): Goal[] {
  return Array.from({ length: 1000 }, (_, i) =>
    goal(`goal_${String(i).padStart(4, "0")}`, triggerFor(i), {
      kind: i % 50 === 0 ? "macro" : "micro",
      params: [
        param("value", { dataLayer: `ecommerce.value_${i % 30}` }, { type: "number", report: i % 100 === 0 }),
        param("page_path", { builtin: "page_path" }),
      ],
      keyEvent: i % 50 === 0 ? { counting: "once_per_event", value: 10 } : undefined,
    }),
  );
}

export async function run(): Promise<void> {
  const p = project(thousandGoals(), { installGoogleTag: true });
  compile(p); // warm-up
  const times: number[] = [];
  let state = compile(p);
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    state = compile(p);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const g = state.gtm;
  const entities = g.tags.length + g.triggers.length + g.variables.length;
  console.log(
    `compile 1000 goals: ${times[3]!.toFixed(1)} ms median of 7 (min ${times[0]!.toFixed(1)}, max ${times[6]!.toFixed(1)}), ${entities} entities`,
  );
  console.log(
    `  GTM: ${g.tags.length} tags, ${g.triggers.length} triggers, ${g.variables.length} variables, ${g.builtInVariables.length} built-ins; GA4: ${state.ga4.keyEvents.length} key events, ${state.ga4.customDimensions.length} dimensions`,
  );
  const t0 = performance.now();
  const file = exportContainerJson(state);
  const exportMs = performance.now() - t0;
  console.log(
    `export 1000 goals: ${(Buffer.byteLength(file) / 1024).toFixed(0)} KiB container file in ${exportMs.toFixed(1)} ms; desired state JSON ${(canonicalJson(state).length / 1024).toFixed(0)} KiB`,
  );
}
