// What the compiler produces and the planner diffs against live state.
// Entities are in GTM API v2 shape (camelCase enums, lowercase parameter types), minus the
// server-assigned fields (ids, paths, fingerprints). Cross references use compiler keys, not ids:
// a tag's firingTriggerId holds trigger keys; apply and export map keys to real ids.

/** GTM API parameter (Parameter resource). type: template | boolean | integer | list | map | triggerReference | tagReference */
export interface GtmParameter {
  type: "template" | "boolean" | "integer" | "list" | "map" | "triggerReference" | "tagReference";
  key?: string;
  value?: string;
  list?: GtmParameter[];
  map?: GtmParameter[];
  isWeakReference?: boolean;
}

/** GTM API Condition: type is camelCase (equals, contains, matchRegex, cssSelector, greater, ...). */
export interface GtmCondition {
  type: string;
  parameter: GtmParameter[]; // arg0, arg1, optional ignore_case / negate
}

export interface GtmVariableBody {
  name: string;
  type: string; // "c" constant, "v" data layer, "d" DOM element, "jsm" custom JS, ...
  parameter?: GtmParameter[];
  notes: string; // ownership marker lives here
}

export interface GtmTriggerBody {
  name: string;
  type: string; // camelCase trigger type: pageview, customEvent, click, linkClick, ...
  filter?: GtmCondition[];
  autoEventFilter?: GtmCondition[];
  customEventFilter?: GtmCondition[];
  parameter?: GtmParameter[];
  // typed trigger fields the API has as top-level parameters (waitForTags, checkValidation, ...)
  waitForTags?: GtmParameter;
  checkValidation?: GtmParameter;
  waitForTagsTimeout?: GtmParameter;
  uniqueTriggerId?: GtmParameter;
  interval?: GtmParameter;
  limit?: GtmParameter;
  eventName?: GtmParameter;
  verticalScrollPercentageList?: GtmParameter;
  visibilitySelector?: GtmParameter;
  visiblePercentageMin?: GtmParameter;
  notes: string;
}

export interface GtmTagBody {
  name: string;
  type: string; // "gaawe" GA4 event, "googtag" Google tag, "html" custom HTML
  parameter: GtmParameter[];
  /** Trigger KEYS (DesiredTrigger.key), resolved to ids at apply/export time. */
  firingTriggerId: string[];
  tagFiringOption?: "oncePerEvent" | "oncePerLoad" | "unlimited";
  /** Consent mode (API TagConsentSetting); absent when the spec sets none (GTM reads it as notSet). */
  consentSettings?: GtmConsentSettings;
  notes: string;
}

/** GTM API TagConsentSetting: consentType is a list parameter of template values (ad_storage, …). */
export interface GtmConsentSettings {
  consentStatus: "notSet" | "notNeeded" | "needed";
  consentType?: GtmParameter;
}

export interface Owned<B> {
  /** Stable compiler key, unique per entity kind, e.g. "trigger:click:3f2a9c1b". Embedded in the marker. */
  key: string;
  /** Goal ids that produced this entity (sorted). Shared triggers list several. */
  goals: string[];
  /** Content hash of the body (see compile/ownership.ts), embedded in the marker; drift detection compares it. */
  hash: string;
  body: B;
}

export type DesiredVariable = Owned<GtmVariableBody>;
export type DesiredTrigger = Owned<GtmTriggerBody>;
export type DesiredTag = Owned<GtmTagBody>;

export interface DesiredKeyEvent {
  eventName: string;
  countingMethod: "ONCE_PER_EVENT" | "ONCE_PER_SESSION";
  defaultValue?: { numericValue: number; currencyCode: string };
  goals: string[];
}

export interface DesiredCustomDimension {
  parameterName: string;
  displayName: string;
  scope: "EVENT";
  description: string; // carries the ownership marker for GA4 (custom dimensions have no notes)
  goals: string[];
}

/** A GA4 audience body as the Admin API takes it; the ownership marker ends its description. */
export interface DesiredAudience {
  key: string; // the spec's audience id
  displayName: string;
  description: string;
  membershipDurationDays: number;
  exclusionDurationMode?: "EXCLUDE_TEMPORARILY" | "EXCLUDE_PERMANENTLY";
  filterClauses: Record<string, unknown>[];
  /** Content hash of the body without the marker (compile/audiences.ts), embedded in the marker. */
  hash: string;
  goals: string[];
}

export interface DesiredState {
  target: string;
  gtm: {
    accountId: string;
    containerId: string;
    workspaceName: string;
    /** GTM environment that --publish points at the new version instead of publishing live. */
    environment?: string;
    folderName: string; // "microgoals"
    /** camelCase built-in variable types to enable, sorted: pagePath, clickElement, ... */
    builtInVariables: string[];
    variables: DesiredVariable[];
    triggers: DesiredTrigger[];
    tags: DesiredTag[];
  };
  ga4: {
    propertyId: string;
    measurementId: string;
    /** The project's tag in GA4 markers (compile/ga4-ownership.ts): dimensions are owned per project. */
    project: string;
    keyEvents: DesiredKeyEvent[];
    customDimensions: DesiredCustomDimension[];
    /** GA4 audiences (Admin API v1alpha); absent when the spec declares none. */
    audiences?: DesiredAudience[];
  };
}
