import { consentTypesOf, goalConsent } from "../consent.js";
import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

// Personal data and ad destinations are what consent laws are about: a tag carrying them should
// wait for the visitor's consent (Google consent mode) instead of firing unconditionally.
export const consentRequired: Rule = {
  id: "consent-required",
  severity: "warning",
  summary: "A `pii: true` goal or a goal with `ads:` waits for consent (`consent:` on the goal or project).",
  check: (project) =>
    project.goals.flatMap((g): Finding[] => {
      const types = consentTypesOf(goalConsent(project, g));
      if (g.ads && !types.includes("ad_storage"))
        return [
          {
            message: `Goal "${g.id}" sends a Google Ads conversion without requiring ad_storage consent.`,
            at: g.ads.source,
            atKey: true,
            hint: "Add `consent: [ad_storage, ad_user_data, ad_personalization]` to the goal or to microgoals.yaml.",
          },
        ];
      if (g.pii && types.length === 0)
        return [
          {
            message: `Goal "${g.id}" is marked pii but its tag fires without any consent requirement.`,
            at: refIn(g.source, "pii"),
            atKey: true,
            hint: "Add `consent: [analytics_storage]` (or more types) to the goal or to microgoals.yaml.",
          },
        ];
      return [];
    }),
};
