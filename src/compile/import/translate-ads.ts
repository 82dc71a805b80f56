// Google Ads conversion tags (awct) → `ads:` on the goal whose GA4 event tag fires on the same
// trigger. Value, currency and order id become parameter names when the GA4 tag sends the same
// value under some parameter; a value the goal cannot name is reported as dropped. Conversion
// Linkers are not imported: the compiler adds one for any goal with `ads:`.

import type { ImportedTag } from "./export-lookup.js";
import { param } from "./export-lookup.js";

// Structural copies of import-container.ts's types: that file imports this one.
type YamlGoal = Record<string, unknown> & { id: string };
interface Skipped {
  tag: string;
  reason: string;
}

export interface ImportedGoal {
  goal: YamlGoal;
  tag: ImportedTag;
}

const WIRED = [
  ["conversionValue", "value"],
  ["currencyCode", "currency"],
  ["orderId", "transaction_id"],
] as const;

export function attachAds(
  adsTags: ImportedTag[],
  imported: ImportedGoal[],
  skipped: Skipped[],
  partial: Skipped[],
): void {
  for (const tag of adsTags) {
    const name = String(tag.name ?? `tag ${tag.tagId ?? "?"}`);
    const skip = (reason: string) => skipped.push({ tag: name, reason });
    const trigger = tag.firingTriggerId.length === 1 ? tag.firingTriggerId[0] : undefined;
    const target = imported.find((g) => g.tag.firingTriggerId[0] === trigger);
    if (!trigger || !target) {
      skip("Google Ads conversion without a GA4 event tag on the same single trigger");
      continue;
    }
    if (target.goal.ads) {
      skip(`goal ${target.goal.id} already has a Google Ads conversion`);
      continue;
    }
    const id = param(tag.parameter, "conversionId")?.value ?? "";
    const label = param(tag.parameter, "conversionLabel")?.value ?? "";
    if (!/^(AW-)?\d+$/.test(id) || !/^[A-Za-z0-9_-]+$/.test(label)) {
      skip("conversion id or label comes from a variable or is missing");
      continue;
    }
    const ads: Record<string, string> = {
      conversion_id: id.startsWith("AW-") ? id : `AW-${id}`,
      conversion_label: label,
    };
    const rows = param(target.tag.parameter, "eventSettingsTable")?.list ?? [];
    const dropped: string[] = [];
    for (const [key, field] of WIRED) {
      const value = param(tag.parameter, key)?.value;
      if (!value) continue;
      const row = rows.find((r) => param(r.map, "parameterValue")?.value === value);
      const pname = row ? param(row.map, "parameter")?.value : undefined;
      if (pname) ads[field] = pname;
      else dropped.push(`${key} ${value}`);
    }
    target.goal.ads = ads;
    if (dropped.length > 0)
      partial.push({
        tag: name,
        reason: `not sent by the GA4 tag as a parameter, so not imported: ${dropped.join(", ")}`,
      });
  }
}
