// Consent mode: which consent types a tag waits for. A project sets a default (`consent:` in
// microgoals.yaml); a goal may replace it with its own list, or with `none` (an explicit decision
// that the tag needs no consent). The effective list is what compiles to the tag's consentSettings.
import type { ConsentType, Goal, Project } from "./model.js";

export type { ConsentType } from "./model.js";
export const CONSENT_TYPES: readonly ConsentType[] = [
  "ad_storage",
  "analytics_storage",
  "ad_user_data",
  "ad_personalization",
];

/** The consent types a tag needs, sorted in CONSENT_TYPES order; undefined means "not set". */
export type ConsentRequirement = { needed: ConsentType[] } | { notNeeded: true } | undefined;

/** A goal's own consent wins over the project default; `none` (an empty list) means not needed. */
export function goalConsent(
  project: Pick<Project, "consent">,
  goal: Pick<Goal, "consent">,
): ConsentRequirement {
  const own = goal.consent;
  if (own !== undefined) return own.length === 0 ? { notNeeded: true } : { needed: sortConsent(own) };
  return projectConsent(project);
}

export function projectConsent(project: Pick<Project, "consent">): ConsentRequirement {
  return project.consent && project.consent.length > 0 ? { needed: sortConsent(project.consent) } : undefined;
}

/** The types a requirement asks for (none for "not set" and "not needed"). */
export function consentTypesOf(r: ConsentRequirement): ConsentType[] {
  return r && "needed" in r ? r.needed : [];
}

export function sortConsent(types: readonly ConsentType[]): ConsentType[] {
  return [...new Set(types)].sort((a, b) => CONSENT_TYPES.indexOf(a) - CONSENT_TYPES.indexOf(b));
}

/** `consent:` as written (a list, or `none`) → the list; `none` is []. */
export function consentList(raw: unknown): ConsentType[] {
  return raw === "none" ? [] : sortConsent(raw as ConsentType[]);
}
