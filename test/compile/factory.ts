// Builds model objects for compiler tests without the loader.
import type {
  Condition,
  ConditionOp,
  Goal,
  ParamSpec,
  Project,
  TriggerSpec,
  ValueSource,
} from "../../src/project/model.js";
import { baseGoal, baseProject, baseTarget, testSource as src } from "../support/project.js";

export function cond(
  subject: ValueSource,
  op: ConditionOp,
  value: string | number,
  extra: Partial<Condition> = {},
): Condition {
  return { subject, op, value, negate: false, ignoreCase: false, source: src, ...extra };
}

export function param(name: string, from: ValueSource, extra: Partial<ParamSpec> = {}): ParamSpec {
  return { name, from, type: "string", report: false, source: src, ...extra };
}

export function goal(id: string, trigger: TriggerSpec, extra: Partial<Goal> = {}): Goal {
  return baseGoal(id, trigger, { role: "secondary", ...extra });
}

export function project(goals: Goal[], extra: Partial<Project> = {}): Project {
  return baseProject(goals, {
    targets: [baseTarget({ accountId: "6000001", containerId: "9000001", measurementId: "G-TEST0001" })],
    ...extra,
  });
}

/** One goal of every trigger kind, with params of every source kind. */
export function everyKindProject(extra: Partial<Project> = {}): Project {
  return project(
    [
      goal("view_pricing", {
        kind: "page_view",
        conditions: [cond({ builtin: "page_path" }, "equals", "/pricing", { ignoreCase: true })],
      }),
      goal("size_guide", {
        kind: "history_change",
        conditions: [cond({ builtin: "page_path" }, "matches", "^/p/[^/]+/size$")],
      }),
      goal("begin_checkout", {
        kind: "click",
        conditions: [cond({ builtin: "click_element" }, "css", "button.checkout")],
      }),
      goal("download", {
        kind: "link_click",
        conditions: [cond({ builtin: "click_url" }, "contains", "/business/")],
        fileExtensions: ["pdf", "xlsx"],
        checkValidation: false,
      }),
      goal("contact_mail", {
        kind: "link_click",
        conditions: [],
        protocols: ["tel", "mailto"],
        waitForTagsMs: 1500,
        checkValidation: true,
      }),
      goal(
        "demo_request",
        {
          kind: "form_submit",
          conditions: [cond({ builtin: "form_id" }, "equals", "demo")],
          waitForTagsMs: 2000,
          checkValidation: true,
        },
        {
          kind: "macro",
          role: undefined,
          params: [
            param("company_size", { dataLayer: "lead.company_size" }, { report: true }),
            param("email_domain", { formField: "domain" }),
          ],
          keyEvent: { counting: "once_per_session", value: 400, currency: "EUR" },
        },
      ),
      goal(
        "purchase",
        {
          kind: "data_layer",
          event: "purchase",
          conditions: [cond({ dataLayer: "ecommerce.value" }, "gt", 0)],
        },
        {
          kind: "macro",
          role: undefined,
          params: [
            param("value", { dataLayer: "ecommerce.value" }, { type: "number" }),
            param("placement", { constant: "footer" }),
          ],
          keyEvent: { counting: "once_per_event" },
        },
      ),
      goal("read_article", { kind: "scroll_depth", percents: [75, 25], conditions: [] }),
      goal("three_minutes", {
        kind: "timer",
        intervalMs: 180000,
        limit: 1,
        conditions: [cond({ builtin: "page_path" }, "starts_with", "/business/")],
      }),
      goal(
        "watch_video",
        {
          kind: "youtube",
          start: true,
          complete: true,
          progressPercents: [50, 25],
          pause: false,
          seek: false,
          conditions: [],
        },
        { params: [param("video_title", { builtin: "video_title" })] },
      ),
      goal("reviews_seen", {
        kind: "element_visibility",
        selector: "#reviews",
        minPercentVisible: 50,
        minOnScreenMs: 1000,
        firing: "once_per_page",
        observeDomChanges: true,
        conditions: [],
      }),
      goal("loyal", { kind: "engagement", pagesPerSession: 3, conditions: [] }),
      goal("returning", { kind: "engagement", visits: 3, conditions: [] }),
    ],
    extra,
  );
}
