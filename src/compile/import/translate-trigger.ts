// A GTM trigger (API shape) → the spec's `trigger:` mapping. Conditions become `when:` items in
// their original order; link-click patterns microgoals itself writes (file extensions, outbound,
// protocols) come back as their shorthands so export → import → compile is a fixed point.

import { canonicalJson } from "../canonical-json.js";
import { gtmCondition } from "../conditions.js";
import type { GtmCondition } from "../desired-state.js";
import { FIRING_FREQUENCY } from "../triggers/element-visibility.js";
import { DEFAULT_WAIT_MS } from "../triggers/wait-for-tags.js";
import { type ExportLookup, type ImportedTrigger, param } from "./export-lookup.js";
import { translateCondition, Untranslatable } from "./translate-value.js";

type Yaml = Record<string, unknown>;
const pageAll = canonicalJson([gtmCondition("matchRegex", "{{Page URL}}", ".*")]);

function conditions(cs: GtmCondition[] | undefined, lookup: ExportLookup): Yaml[] {
  return (cs ?? []).map((c) => translateCondition(c, lookup));
}

function withWhen(base: Yaml, when: Yaml[]): Yaml {
  return when.length ? { ...base, when } : base;
}

function bool(t: ImportedTrigger, key: "waitForTags" | "checkValidation"): boolean {
  return t[key]?.value === "true";
}

function defaultAutoFilterOnly(t: ImportedTrigger): void {
  if (t.autoEventFilter?.length && canonicalJson(t.autoEventFilter) !== pageAll) {
    throw new Untranslatable('custom "enable this trigger when" conditions');
  }
}

function waitFields(t: ImportedTrigger): Yaml {
  const out: Yaml = {};
  if (bool(t, "waitForTags")) out.wait_for_tags = Number(t.waitForTagsTimeout?.value ?? DEFAULT_WAIT_MS);
  if (bool(t, "checkValidation")) out.check_validation = true;
  return out;
}

/** Link-click shorthands microgoals writes; the rest stay conditions. */
function linkShorthands(when: Yaml[]): { when: Yaml[]; extra: Yaml } {
  const extra: Yaml = {};
  const rest: Yaml[] = [];
  for (let i = 0; i < when.length; i++) {
    const c = when[i]!;
    const onUrl = c.builtin === "click_url" && !c.negate;
    const ext =
      onUrl && c.ignore_case && typeof c.matches === "string"
        ? /^\\\.\(([a-z0-9|]+)\)\(\[\?#\]\|\$\)$/.exec(c.matches)
        : null;
    const proto =
      onUrl && c.ignore_case && typeof c.matches === "string"
        ? /^\^\(((?:mailto|tel)(?:\|(?:mailto|tel))*)\):$/.exec(c.matches)
        : null;
    const next = when[i + 1];
    if (ext && !extra.file_extensions) extra.file_extensions = ext[1]!.split("|");
    else if (proto && !extra.protocols) extra.protocols = proto[1]!.split("|");
    else if (
      onUrl &&
      c.matches === "^https?://" &&
      next?.builtin === "click_url" &&
      next.contains === "{{Page Hostname}}" &&
      next.negate
    ) {
      extra.outbound = true;
      i++;
    } else rest.push(c);
  }
  return { when: rest, extra };
}

export function translateTrigger(t: ImportedTrigger, lookup: ExportLookup): Yaml {
  switch (t.type) {
    case "pageview":
      return { page_view: withWhen({}, conditions(t.filter, lookup)) };
    case "historyChange":
      return { history_change: withWhen({}, conditions(t.filter, lookup)) };
    case "click":
      return { click: withWhen({}, conditions(t.filter, lookup)) };
    case "linkClick": {
      defaultAutoFilterOnly(t);
      const { when, extra } = linkShorthands(conditions(t.filter, lookup));
      return { link_click: withWhen({ ...extra, ...waitFields(t) }, when) };
    }
    case "formSubmission":
      defaultAutoFilterOnly(t);
      return { form_submit: withWhen(waitFields(t), conditions(t.filter, lookup)) };
    case "customEvent":
      return customEvent(t, lookup);
    case "scrollDepth": {
      if (param(t.parameter, "verticalThresholdOn")?.value !== "true")
        throw new Untranslatable("scroll trigger without vertical thresholds");
      if (param(t.parameter, "horizontalThresholdOn")?.value === "true")
        throw new Untranslatable("horizontal scroll thresholds");
      if (param(t.parameter, "verticalThresholdUnits")?.value !== "PERCENT")
        throw new Untranslatable("scroll thresholds in pixels");
      const percent = numbers(param(t.parameter, "verticalThresholdsPercent")?.value);
      return { scroll_depth: withWhen({ percent }, conditions(t.filter, lookup)) };
    }
    case "timer": {
      const interval = Number(t.interval?.value);
      if (!Number.isInteger(interval) || interval <= 0)
        throw new Untranslatable(`timer interval "${t.interval?.value}"`);
      const auto = t.autoEventFilter && canonicalJson(t.autoEventFilter) !== pageAll ? t.autoEventFilter : [];
      const base: Yaml = { interval: interval % 1000 === 0 ? `${interval / 1000}s` : `${interval}ms` };
      const limit = t.limit?.value;
      if (limit !== undefined && limit !== "") base.limit = Number(limit);
      return { timer: withWhen(base, conditions([...auto, ...(t.filter ?? [])], lookup)) };
    }
    case "youTubeVideo": {
      const on = (k: string) => param(t.parameter, k)?.value === "true";
      const base: Yaml = {};
      if (on("captureStart")) base.start = true;
      if (on("captureComplete")) base.complete = true;
      if (on("captureProgress")) {
        if (param(t.parameter, "radioButtonGroup1")?.value !== "PERCENTAGE")
          throw new Untranslatable("video progress in seconds");
        base.progress = numbers(param(t.parameter, "progressThresholdsPercent")?.value);
      }
      if (on("capturePause")) base.pause = true;
      return { youtube: withWhen(base, conditions(t.filter, lookup)) };
    }
    case "elementVisibility":
      return { element_visibility: withWhen(visibility(t), conditions(t.filter, lookup)) };
    default:
      throw new Untranslatable(`trigger type ${t.type}`);
  }
}

function customEvent(t: ImportedTrigger, lookup: ExportLookup): Yaml {
  const f = t.customEventFilter ?? [];
  const c = f[0];
  if (f.length !== 1 || c?.type !== "equals" || param(c.parameter, "arg0")?.value !== "{{_event}}") {
    throw new Untranslatable("custom event filter is not a single `equals` on the event name");
  }
  const event = param(c.parameter, "arg1")?.value ?? "";
  if (!event || event.includes("{{")) throw new Untranslatable("custom event name from a variable");
  const when = conditions(t.filter, lookup);
  const eng = /^microgoals\.engagement(?:\.pages_(\d+))?(?:\.visits_(\d+))?$/.exec(event);
  if (eng && (eng[1] || eng[2])) {
    const base: Yaml = {};
    if (eng[1]) base.pages_per_session = Number(eng[1]);
    if (eng[2]) base.visits = Number(eng[2]);
    return { engagement: withWhen(base, when) };
  }
  return { data_layer: withWhen({ event }, when) };
}

function visibility(t: ImportedTrigger): Yaml {
  const p = (k: string) => param(t.parameter, k)?.value;
  const selectorType = p("selectorType");
  let selector: string | undefined;
  if (selectorType === "ID" && p("elementId")) selector = `#${p("elementId")}`;
  else if ((selectorType === "CSS" || selectorType === "CSS_SELECTOR") && p("elementSelector"))
    selector = p("elementSelector");
  if (!selector || selector.includes("{{"))
    throw new Untranslatable("element visibility without a literal selector");
  const firing =
    Object.entries(FIRING_FREQUENCY).find(([, v]) => v === p("firingFrequency"))?.[0] ?? "once_per_page";
  const out: Yaml = { selector, min_percent_visible: Number(p("onScreenRatio") ?? 50), firing };
  if (p("useOnScreenDuration") === "true" && p("onScreenDuration"))
    out.min_on_screen = `${Number(p("onScreenDuration"))}ms`;
  if (p("useDomChangeListener") === "true") out.observe_dom_changes = true;
  return out;
}

function numbers(csv: string | undefined): number[] {
  const xs = (csv ?? "").split(",").map((s) => Number(s.trim()));
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x) || x <= 0))
    throw new Untranslatable(`threshold list "${csv}"`);
  return xs;
}
