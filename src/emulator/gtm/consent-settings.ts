// Tag consent settings (TagConsentSetting) as GTM checks and stores them: consentStatus is one of
// notSet | notNeeded | needed, consentType a list parameter of template values; a tag written
// without them is stored with {consentStatus: "notSet"}, as every real export shows.
import { ApiError } from "../http/route.js";
import type { JsonObject } from "./types.js";

const STATUSES = new Set(["notSet", "notNeeded", "needed"]);

function invalid(message: string): ApiError {
  return new ApiError(400, "INVALID_ARGUMENT", message, "invalid");
}

export function validateConsentSettings(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid("tag.consentSettings: must be an object");
  const c = value as JsonObject;
  if (!STATUSES.has(String(c.consentStatus)))
    throw invalid(
      `Invalid value at 'tag.consent_settings.consent_status' (TYPE_ENUM), "${String(c.consentStatus)}"`,
    );
  if (c.consentType === undefined) {
    if (c.consentStatus === "needed")
      throw invalid("tag.consentSettings.consentType: The value must not be empty");
    return;
  }
  const t = c.consentType as JsonObject;
  if (t.type !== "list" || !Array.isArray(t.list))
    throw invalid("tag.consentSettings.consentType: must be a list parameter");
  for (const item of t.list as JsonObject[]) {
    if (item.type !== "template" || typeof item.value !== "string" || item.value === "")
      throw invalid("tag.consentSettings.consentType: every entry must be a non-empty template value");
  }
}

/** The stored form of a tag the API wrote: consent settings default to notSet. */
export function withConsentDefault(fields: JsonObject): JsonObject {
  return fields.consentSettings === undefined
    ? { ...fields, consentSettings: { consentStatus: "notSet" } }
    : fields;
}
