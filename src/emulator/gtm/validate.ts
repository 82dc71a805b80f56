// The validation GTM performs on create/update, with its error texts. Anything that fails here is a
// 400 INVALID_ARGUMENT; dangling references left by later deletes are found by compile-check.ts.
import { ApiError } from "../http/route.js";
import { validateConsentSettings } from "./consent-settings.js";
import { KINDS } from "./kinds.js";
import type { GtmKind, GtmWorkspace, JsonObject } from "./types.js";

/** GTM's built-in triggers: All Pages, Consent Initialization, Initialization. */
export const BUILT_IN_TRIGGER_IDS = new Set(["2147479553", "2147479572", "2147479573"]);

const TRIGGER_TYPES = new Set([
  "pageview", "domReady", "windowLoaded", "customEvent", "triggerGroup", "init", "consentInit",
  "serverPageview", "always", "historyChange", "timer", "click", "linkClick", "formSubmission",
  "elementVisibility", "jsError", "youTubeVideo", "scrollDepth", "ampClick", "ampTimer", "ampScroll",
  "ampVisibility", "firebaseAppException", "firebaseAppUpdate", "firebaseCampaign", "firebaseFirstOpen",
  "firebaseInAppPurchase", "firebaseNotificationDismiss", "firebaseNotificationForeground",
  "firebaseNotificationOpen", "firebaseNotificationReceive", "firebaseOsUpdate", "firebaseSessionStart",
  "firebaseUserEngagement",
]); // biome-ignore format: one enum, many short names

const CONDITION_TYPES = new Set([
  "equals", "contains", "startsWith", "endsWith", "matchRegex", "greater", "greaterOrEquals", "less",
  "lessOrEquals", "cssSelector", "urlMatches",
]); // biome-ignore format: one enum, many short names

const PARAMETER_TYPES = new Set([
  "template",
  "integer",
  "boolean",
  "list",
  "map",
  "triggerReference",
  "tagReference",
]);

/** Parameters that must carry a non-empty value, by entity type. */
const REQUIRED_PARAMETERS: Record<string, string[]> = {
  gaawe: ["eventName"],
  googtag: ["tagId"],
  awct: ["conversionId", "conversionLabel"],
  html: ["html"],
  v: ["name"],
  c: ["value"],
  jsm: ["javascript"],
  d: ["elementId"],
};

const CONDITION_FIELDS = ["filter", "autoEventFilter", "customEventFilter"];

function invalid(message: string): ApiError {
  return new ApiError(400, "INVALID_ARGUMENT", message, "invalid");
}

export function validateEntity(kind: GtmKind, body: JsonObject, ws: GtmWorkspace, selfId?: string): void {
  const label = KINDS[kind].label;
  if (typeof body.name !== "string" || body.name.trim() === "") {
    throw invalid(`${label}.name: The value must not be empty`);
  }
  const duplicate = ws.entities[kind].find(
    (e) => e.name === body.name && String(e[KINDS[kind].idField]) !== selfId,
  );
  if (duplicate) {
    throw invalid(
      `Found entity with duplicate name: a ${label} named "${body.name}" already exists in this workspace.`,
    );
  }
  if (
    body.parentFolderId !== undefined &&
    !ws.entities.folder.some((f) => f.folderId === String(body.parentFolderId))
  ) {
    throw invalid(`${label}.parentFolderId: Folder ${body.parentFolderId} not found in this workspace.`);
  }
  if (kind === "folder") return;
  if (typeof body.type !== "string" || body.type === "")
    throw invalid(`${label}.type: The value must not be empty`);
  validateParameters(label, body.parameter);
  for (const name of REQUIRED_PARAMETERS[body.type] ?? []) {
    const p = (body.parameter as JsonObject[] | undefined)?.find((x) => x.key === name);
    if (!p || typeof p.value !== "string" || p.value === "") {
      throw invalid(`${label}.parameter.${name}: The value must not be empty`);
    }
  }
  if (kind === "trigger") validateTrigger(body);
  if (kind === "tag") validateTag(body, ws);
}

function validateParameters(where: string, parameters: unknown): void {
  if (parameters === undefined) return;
  if (!Array.isArray(parameters)) throw invalid(`${where}.parameter: must be a list`);
  for (const p of parameters as JsonObject[]) {
    if (!PARAMETER_TYPES.has(String(p.type))) {
      throw invalid(`Invalid value at '${where}.parameter.type' (TYPE_ENUM), "${String(p.type)}"`);
    }
    if (p.list !== undefined) validateParameters(where, p.list);
    if (p.map !== undefined) validateParameters(where, p.map);
  }
}

function validateTrigger(body: JsonObject): void {
  const type = String(body.type);
  if (!TRIGGER_TYPES.has(type)) throw invalid(`Invalid value at 'trigger.type' (TYPE_ENUM), "${type}"`);
  for (const field of CONDITION_FIELDS) {
    const conditions = body[field];
    if (conditions === undefined) continue;
    if (!Array.isArray(conditions)) throw invalid(`trigger.${field}: must be a list`);
    for (const c of conditions as JsonObject[]) {
      if (!CONDITION_TYPES.has(String(c.type))) {
        throw invalid(`Invalid value at 'trigger.${field}.type' (TYPE_ENUM), "${String(c.type)}"`);
      }
      validateParameters(`trigger.${field}`, c.parameter);
      const arg0 = (c.parameter as JsonObject[] | undefined)?.find((p) => p.key === "arg0");
      if (!arg0 || typeof arg0.value !== "string" || arg0.value === "") {
        throw invalid(`trigger.${field}.arg0: The value must not be empty`);
      }
    }
  }
  const customEventFilters = (body.customEventFilter as unknown[] | undefined)?.length ?? 0;
  if (type === "customEvent" && customEventFilters !== 1) {
    throw invalid("customEventFilter: Custom-event trigger must have exactly one custom-event filter.");
  }
}

function validateTag(body: JsonObject, ws: GtmWorkspace): void {
  validateConsentSettings(body.consentSettings);
  for (const field of ["firingTriggerId", "blockingTriggerId"]) {
    const ids = body[field];
    if (ids === undefined) continue;
    if (!Array.isArray(ids)) throw invalid(`tag.${field}: must be a list`);
    for (const id of ids) {
      if (
        !BUILT_IN_TRIGGER_IDS.has(String(id)) &&
        !ws.entities.trigger.some((t) => t.triggerId === String(id))
      ) {
        throw invalid(`Tag references an unknown trigger: ${String(id)}`);
      }
    }
  }
}
