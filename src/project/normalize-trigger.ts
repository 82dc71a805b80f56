// A goal's `trigger:` mapping (exactly one kind, checked by the schema) → TriggerSpec. Page
// shorthands (path/url/hostname/query), kind shorthands (selector, text, …) and `when:` items all
// become Conditions, in the order they are written.
import { durationMs } from "./duration.js";
import type { BuiltinName, Condition, ConditionOp, TriggerKind, TriggerSpec } from "./model.js";
import { shorthandCondition, whenCondition } from "./normalize-condition.js";
import { childPointer } from "./pointer.js";
import type { ShapeIssue } from "./shape-issue.js";

type Shorthand = { subject: BuiltinName; op: ConditionOp };

const page: Record<string, Shorthand> = {
  path: { subject: "page_path", op: "equals" },
  url: { subject: "page_url", op: "equals" },
  hostname: { subject: "page_hostname", op: "equals" },
  query: { subject: "page_url", op: "contains" },
};

const byKind: Partial<Record<TriggerKind, Record<string, Shorthand>>> = {
  click: {
    selector: { subject: "click_element", op: "css" },
    id: { subject: "click_id", op: "equals" },
    classes: { subject: "click_classes", op: "contains" },
    text: { subject: "click_text", op: "equals" },
  },
  link_click: {
    url: { subject: "click_url", op: "equals" },
    text: { subject: "click_text", op: "equals" },
    selector: { subject: "click_element", op: "css" },
  },
  form_submit: {
    form_id: { subject: "form_id", op: "equals" },
    selector: { subject: "form_element", op: "css" },
    classes: { subject: "form_classes", op: "contains" },
  },
};

type Raw = Record<string, unknown>;

export function normalizeTrigger(
  rawTrigger: Raw,
  file: string,
  pointer: string,
  issues: ShapeIssue[],
): TriggerSpec | undefined {
  const kind = Object.keys(rawTrigger)[0] as TriggerKind;
  const at = childPointer(pointer, kind);
  const raw = (rawTrigger[kind] ?? {}) as Raw;
  const shorthands = { ...page, ...byKind[kind] };
  const conditions: Condition[] = [];
  let ok = true;
  for (const [key, value] of Object.entries(raw)) {
    const sh = shorthands[key];
    if (sh) {
      const c = shorthandCondition(
        value,
        { builtin: sh.subject },
        sh.op,
        file,
        childPointer(at, key),
        issues,
      );
      if (c) conditions.push(c);
      else ok = false;
    } else if (key === "when") {
      (value as Raw[]).forEach((item, i) => {
        const c = whenCondition(item, file, childPointer(at, "when", i), issues);
        if (c) conditions.push(c);
        else ok = false;
      });
    }
  }
  const empty = (what: string): undefined => {
    issues.push({ rule: "empty-trigger", message: `A ${kind} trigger needs ${what}.`, pointer: at });
    return undefined;
  };
  const spec = build(kind, raw, conditions, empty);
  return ok ? spec : undefined;
}

function build(
  kind: TriggerKind,
  raw: Raw,
  conditions: Condition[],
  empty: (what: string) => undefined,
): TriggerSpec | undefined {
  const bool = (k: string): boolean => raw[k] === true;
  const num = (k: string): number | undefined =>
    typeof raw[k] === "number" ? (raw[k] as number) : undefined;
  switch (kind) {
    case "page_view":
    case "history_change":
    case "click":
      return { kind, conditions };
    case "link_click":
      return {
        kind,
        conditions,
        ...(raw.file_extensions
          ? { fileExtensions: (raw.file_extensions as string[]).map((e) => e.toLowerCase()) }
          : {}),
        ...(raw.outbound !== undefined ? { outbound: bool("outbound") } : {}),
        ...(raw.protocols ? { protocols: raw.protocols as ("mailto" | "tel")[] } : {}),
        ...(num("wait_for_tags") !== undefined ? { waitForTagsMs: num("wait_for_tags") } : {}),
        checkValidation: bool("check_validation"),
      };
    case "form_submit":
      return {
        kind,
        conditions,
        ...(num("wait_for_tags") !== undefined ? { waitForTagsMs: num("wait_for_tags") } : {}),
        checkValidation: bool("check_validation"),
      };
    case "data_layer":
      return { kind, event: raw.event as string, conditions };
    case "scroll_depth":
      return { kind, percents: uniqueSorted(raw.percent as number[]), conditions };
    case "timer":
      return {
        kind,
        intervalMs: durationMs(raw.interval as string | number)!,
        ...(num("limit") !== undefined ? { limit: num("limit") } : {}),
        conditions,
      };
    case "youtube": {
      const progressPercents = uniqueSorted((raw.progress as number[] | undefined) ?? []);
      const spec = {
        kind,
        start: bool("start"),
        complete: bool("complete"),
        progressPercents,
        pause: bool("pause"),
        seek: bool("seek"),
        conditions,
      } as const;
      if (!spec.start && !spec.complete && !spec.pause && !spec.seek && progressPercents.length === 0) {
        return empty("at least one of start, complete, progress, pause, seek");
      }
      return spec;
    }
    case "element_visibility":
      return {
        kind,
        selector: raw.selector as string,
        minPercentVisible: num("min_percent_visible") ?? 50,
        ...(raw.min_on_screen !== undefined
          ? { minOnScreenMs: durationMs(raw.min_on_screen as string | number) }
          : {}),
        firing: (raw.firing as "once_per_page" | "once_per_element" | "every_time") ?? "once_per_page",
        observeDomChanges: bool("observe_dom_changes"),
        conditions,
      };
    case "engagement": {
      const pagesPerSession = num("pages_per_session");
      const visits = num("visits");
      if (pagesPerSession === undefined && visits === undefined) return empty("pages_per_session or visits");
      return {
        kind,
        ...(pagesPerSession !== undefined ? { pagesPerSession } : {}),
        ...(visits !== undefined ? { visits } : {}),
        conditions,
      };
    }
  }
}

function uniqueSorted(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}
