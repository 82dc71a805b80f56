// API shape ↔ container-export shape. The API spells enums camelCase (pageview, customEvent,
// matchRegex, template, triggerReference, pageUrl, oncePerEvent); export files spell them
// UPPER_SNAKE (PAGEVIEW, CUSTOM_EVENT, MATCH_REGEX, TEMPLATE, TRIGGER_REFERENCE, PAGE_URL,
// ONCE_PER_EVENT). Tag and variable types (gaawe, html, c, v) are not enums and stay as they are.
import type { GtmCondition, GtmParameter } from "./desired-state.js";

export function toExportEnum(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

export function fromExportEnum(upper: string): string {
  return upper.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

type Json = Record<string, unknown>;
const CONDITION_FIELDS = new Set(["filter", "autoEventFilter", "customEventFilter"]);

function convertParameter(p: GtmParameter | Json, conv: (s: string) => string): Json {
  const out: Json = { ...p };
  if (typeof out.type === "string") out.type = conv(out.type);
  if (Array.isArray(out.list)) out.list = out.list.map((x: Json) => convertParameter(x, conv));
  if (Array.isArray(out.map)) out.map = out.map.map((x: Json) => convertParameter(x, conv));
  return out;
}

function convertCondition(c: GtmCondition | Json, conv: (s: string) => string): Json {
  return {
    type: conv(String(c.type)),
    parameter: ((c.parameter as Json[] | undefined) ?? []).map((p) => convertParameter(p, conv)),
  };
}

/** Converts every enum in an entity body: trigger type, conditions, parameters, typed trigger fields. */
function convertEntity(body: Json, conv: (s: string) => string, isTrigger: boolean): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (key === "type" && isTrigger) out[key] = conv(String(value));
    else if (key === "tagFiringOption") out[key] = conv(String(value));
    else if (key === "consentSettings") out[key] = convertConsent(value as Json, conv);
    else if (CONDITION_FIELDS.has(key) && Array.isArray(value))
      out[key] = value.map((c) => convertCondition(c, conv));
    else if (key === "parameter" && Array.isArray(value))
      out[key] = value.map((p) => convertParameter(p, conv));
    else if (isParameter(value)) out[key] = convertParameter(value, conv);
    else out[key] = value;
  }
  return out;
}

/** consentStatus is an enum (needed ↔ NEEDED); consentType is a list parameter. */
function convertConsent(c: Json, conv: (s: string) => string): Json {
  const out: Json = { consentStatus: conv(String(c.consentStatus)) };
  if (isParameter(c.consentType)) out.consentType = convertParameter(c.consentType, conv);
  return out;
}

function isParameter(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as Json).type === "string";
}

export const triggerToExport = (b: object): Json => convertEntity(b as Json, toExportEnum, true);
export const triggerFromExport = (b: object): Json => convertEntity(b as Json, fromExportEnum, true);
export const tagToExport = (b: object): Json => convertEntity(b as Json, toExportEnum, false);
export const tagFromExport = (b: object): Json => convertEntity(b as Json, fromExportEnum, false);
export const variableToExport = tagToExport;
export const variableFromExport = tagFromExport;
