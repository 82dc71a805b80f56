import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

const FIELDS = [
  ["valueParam", "value"],
  ["currencyParam", "currency"],
  ["transactionIdParam", "transaction_id"],
] as const;

// The Google Ads tag reads value, currency and order id from the goal's own parameters, by name.
export const adsParam: Rule = {
  id: "ads-param",
  severity: "error",
  summary: "`ads:` value, currency and transaction_id name parameters of the same goal.",
  check: (project) =>
    project.goals.flatMap((g) => {
      const ads = g.ads;
      if (!ads) return [];
      const names = new Set(g.params.map((p) => p.name));
      return FIELDS.flatMap(([field, key]): Finding[] => {
        const name = ads[field];
        if (name === undefined || names.has(name)) return [];
        return [
          {
            message: `Goal "${g.id}" has no parameter "${name}" for its Google Ads ${key}.`,
            at: refIn(ads.source, key),
            hint: names.size > 0 ? `Parameters: ${[...names].sort().join(", ")}.` : "Add it under params:.",
          },
        ];
      });
    }),
};
