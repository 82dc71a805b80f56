// The normalized spec: what the loader produces after YAML parsing, schema validation and
// shorthand expansion. Every other module (compile, plan, report, emulator traffic) reads this,
// never raw YAML. Field names are camelCase here; the YAML uses snake_case (see README).

/** Where a node came from: file path (relative to the project dir) and JSON pointer inside it. */
export interface SourceRef {
  file: string;
  pointer: string;
}

export interface Position {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

export type GoalKind = "macro" | "micro";
/** Google consent mode types a tag can wait for (see project/consent.ts). */
export type ConsentType = "ad_storage" | "analytics_storage" | "ad_user_data" | "ad_personalization";
export type MicroRole = "milestone" | "secondary";
export type CountingMethod = "once_per_event" | "once_per_session";

export type ConditionOp =
  | "equals"
  | "contains"
  | "starts_with"
  | "ends_with"
  | "matches" // regular expression (RE2-compatible subset)
  | "css" // CSS selector match on an element variable
  | "gt"
  | "gte"
  | "lt"
  | "lte";

/** Built-in values GTM knows; snake_case names of GTM built-in variables. */
export type BuiltinName =
  | "page_url"
  | "page_hostname"
  | "page_path"
  | "referrer"
  | "event"
  | "click_element"
  | "click_classes"
  | "click_id"
  | "click_target"
  | "click_url"
  | "click_text"
  | "form_element"
  | "form_classes"
  | "form_id"
  | "form_target"
  | "form_url"
  | "form_text"
  | "video_provider"
  | "video_url"
  | "video_title"
  | "video_duration"
  | "video_percent"
  | "video_visible"
  | "video_status"
  | "video_current_time"
  | "scroll_depth_threshold"
  | "scroll_depth_units"
  | "scroll_direction"
  | "percent_visible"
  | "on_screen_duration"
  | "new_history_fragment"
  | "old_history_fragment"
  | "new_history_state"
  | "old_history_state"
  | "history_source";

/** Where a value (a parameter value, or the subject of a condition) comes from. */
export type ValueSource =
  | { builtin: BuiltinName }
  | { dataLayer: string } // dotted data-layer path, e.g. "ecommerce.value"
  | { constant: string | number | boolean }
  | { formField: string }; // a field of the submitted form, by name attribute

export interface Condition {
  subject: ValueSource;
  op: ConditionOp;
  value: string | number;
  negate: boolean;
  ignoreCase: boolean;
  source: SourceRef;
}

export type TriggerSpec =
  | { kind: "page_view"; conditions: Condition[] } // path/url/hostname/query shorthands become conditions
  | { kind: "history_change"; conditions: Condition[] }
  | { kind: "click"; conditions: Condition[] } // selector/id/classes/text shorthands become conditions
  | {
      kind: "link_click";
      conditions: Condition[];
      /** e.g. ["pdf","zip"]: becomes a matches-condition on click_url */
      fileExtensions?: string[];
      outbound?: boolean;
      protocols?: ("mailto" | "tel")[];
      waitForTagsMs?: number; // default none (waitForTags false)
      checkValidation: boolean;
    }
  | { kind: "form_submit"; conditions: Condition[]; waitForTagsMs?: number; checkValidation: boolean }
  | { kind: "data_layer"; event: string; conditions: Condition[] }
  | { kind: "scroll_depth"; percents: number[]; conditions: Condition[] } // conditions restrict pages
  | { kind: "timer"; intervalMs: number; limit?: number; conditions: Condition[] }
  | {
      kind: "youtube";
      start: boolean;
      complete: boolean;
      progressPercents: number[];
      pause: boolean;
      seek: boolean;
      conditions: Condition[];
    }
  | {
      kind: "element_visibility";
      selector: string;
      minPercentVisible: number; // 1..100, default 50
      minOnScreenMs?: number;
      firing: "once_per_page" | "once_per_element" | "every_time";
      observeDomChanges: boolean;
      conditions: Condition[];
    }
  | { kind: "engagement"; pagesPerSession?: number; visits?: number; conditions: Condition[] }
  /** `source: offline`: no GTM entities; the conversion arrives through the Measurement Protocol */
  | { kind: "offline"; conditions: Condition[] };

export type TriggerKind = TriggerSpec["kind"];

export interface ParamSpec {
  name: string; // GA4 parameter name
  from: ValueSource;
  type: "string" | "number" | "boolean"; // for codegen and dimension typing; default string
  report: boolean; // register as an event-scoped custom dimension
  source: SourceRef;
}

export interface KeyEventSpec {
  counting: CountingMethod;
  value?: number; // default value of the key event
  currency?: string; // ISO 4217
}

export interface Goal {
  id: string;
  title: string;
  description?: string;
  kind: GoalKind;
  role?: MicroRole; // micro goals only
  /** true when the spec gave no role and "secondary" is the default (reports may suggest one) */
  roleDefaulted?: boolean;
  leadsTo: string[]; // macro goal ids (micro goals only)
  event: string; // GA4 event name; defaults to id
  /** true when the spec reuses a reserved automatic event name on purpose (reserved_event: true) */
  reservedEventOk: boolean;
  trigger: TriggerSpec;
  params: ParamSpec[];
  keyEvent?: KeyEventSpec; // macro goals get one by default; micro goals opt in
  /** Monetary value used by reports for macro goals (defaults to keyEvent.value) */
  value?: number;
  pii: boolean;
  /** The goal's own `consent:` (replaces the project default); [] for `none`; absent: project default. */
  consent?: ConsentType[];
  /** A Google Ads conversion sent alongside the GA4 event. */
  ads?: AdsConversionSpec;
  source: SourceRef; // the goal's mapping node
}

export interface AdsConversionSpec {
  conversionId: string; // "AW-123456789" as written; GTM wants the digits
  conversionLabel: string;
  /** Goal parameter names wired into the tag; value and currency default to the key event's. */
  valueParam?: string;
  currencyParam?: string;
  transactionIdParam?: string;
  source: SourceRef;
}

export interface Funnel {
  id: string;
  title: string;
  steps: string[]; // goal ids, in order
  windowSeconds: number; // conversion window
  open: boolean;
  source: SourceRef;
}

/** A GA4 audience over goals: people who did any of `did` and none of `not`, kept `membershipDays`. */
export interface AudienceSpec {
  id: string;
  title: string;
  description?: string;
  did: string[]; // goal ids
  not: string[]; // goal ids
  membershipDays: number; // 1..540
  source: SourceRef;
}

export interface Target {
  name: string;
  gtm: { accountId: string; containerId: string; workspaceName: string; environment?: string };
  ga4: { propertyId: string; measurementId: string };
  source: SourceRef;
}

export interface ReportSettings {
  since: string; // GA4 date expression, e.g. "28daysAgo"
  until: string; // e.g. "yesterday"
  windowSeconds: number; // default micro→macro window
  minUsers: number; // below this a goal is marked "too few users"
  alerts: string[]; // e.g. ["drop>=20%"]
  schedule?: string; // cron expression
  currency: string;
  thresholdUsers?: number;
}

export interface Project {
  dir: string; // absolute project directory
  name: string;
  version: 1;
  defaultTarget: string;
  targets: Target[];
  installGoogleTag: boolean; // compile a googtag for the measurement ID
  /** Default consent types every tag waits for (`consent:`); absent when the project sets none. */
  consent?: ConsentType[];
  limits: { keyEvents: number; customDimensions: number };
  report: ReportSettings;
  goals: Goal[]; // in a deterministic order: by file path, then position in file
  funnels: Funnel[];
  /** GA4 audiences (goal files' `audiences:`); absent when none are declared. */
  audiences?: AudienceSpec[];
  files: string[]; // relative paths of every spec file loaded
}
