import type { AudienceSpec } from "../model.js";
import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

/** GA4 keeps at most 100 active audiences per property. */
const GA4_AUDIENCE_LIMIT = 100;

function tooMany(list: AudienceSpec[]): Finding[] {
  const extra = list[GA4_AUDIENCE_LIMIT];
  return extra
    ? [
        {
          message: `${list.length} audiences; a GA4 property holds at most ${GA4_AUDIENCE_LIMIT}.`,
          at: refIn(extra.source, "id"),
        },
      ]
    : [];
}

// GA4 accepts an audience only with a membership of 1 to 540 whole days; an audience over goals the
// spec does not have, or that includes and excludes the same goal, could never have a member.
export const audienceDefinition: Rule = {
  id: "audience-definition",
  severity: "error",
  summary:
    "Audiences name existing goals, never the same goal in did and not, ids are unique, membership is 1d..540d, at most 100.",
  check: (project) => {
    const goals = new Set(project.goals.map((g) => g.id));
    const seen = new Set<string>();
    return (project.audiences ?? [])
      .flatMap((a) => {
        const out: Finding[] = [];
        if (seen.has(a.id))
          out.push({ message: `Audience id "${a.id}" is used twice.`, at: refIn(a.source, "id") });
        seen.add(a.id);
        for (const [list, key] of [
          [a.did, "did"],
          [a.not, "not"],
        ] as const) {
          list.forEach((id, i) => {
            if (!goals.has(id))
              out.push({
                message: `Audience "${a.id}" names goal "${id}", which is not in the spec.`,
                at: refIn(a.source, key, i),
              });
          });
        }
        a.not.forEach((id, i) => {
          if (a.did.includes(id))
            out.push({
              message: `Audience "${a.id}" both includes and excludes goal "${id}": it could never have a member.`,
              at: refIn(a.source, "not", i),
            });
        });
        if (!Number.isInteger(a.membershipDays) || a.membershipDays < 1 || a.membershipDays > 540)
          out.push({
            message: `Audience "${a.id}" keeps members ${a.membershipDays} days; GA4 allows whole days from 1 to 540.`,
            at: refIn(a.source, "membership"),
            hint: "Write it as days, e.g. membership: 30d.",
          });
        return out;
      })
      .concat(tooMany(project.audiences ?? []));
  },
};
