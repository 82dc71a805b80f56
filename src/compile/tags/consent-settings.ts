// A consent requirement → the tag's consentSettings, as GTM writes it: consentStatus "needed" with
// consentType a list parameter of template values; "notNeeded" without one; nothing when not set
// (GTM's own default, so projects without consent compile to the same bytes as before).
import type { ConsentRequirement } from "../../project/consent.js";
import type { GtmConsentSettings } from "../desired-state.js";

export function consentSettings(r: ConsentRequirement): { consentSettings?: GtmConsentSettings } {
  if (!r) return {};
  if ("notNeeded" in r) return { consentSettings: { consentStatus: "notNeeded" } };
  return {
    consentSettings: {
      consentStatus: "needed",
      consentType: { type: "list", list: r.needed.map((value) => ({ type: "template", value })) },
    },
  };
}
