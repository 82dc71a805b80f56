// Plan lines for audiences: "+ create audience", "~ update" (or "~ replace" when GA4's fixed fields
// change), "- archive" (GA4 cannot delete an audience), "! drift".
import type { AudienceChange } from "./audience-change.js";
import type { FieldDiff } from "./model.js";

const SIGN = { create: "+", update: "~", delete: "-", drift: "!", noop: " " } as const;

/** `diffLines` is render.ts's field-diff formatter, passed in so the two files do not import each other. */
export function audienceLines(c: AudienceChange, diffLines: (d: FieldDiff[]) => string[]): string[] {
  const verb =
    c.action === "delete"
      ? "archive"
      : c.action === "update" && c.replace
        ? "replace"
        : c.action === "drift"
          ? "drift "
          : c.action;
  const who = c.goals.length > 0 ? ` (goals ${c.goals.join(", ")})` : "";
  const days = c.action === "create" && c.audience ? `, ${c.audience.membershipDurationDays} days` : "";
  const out = [
    `  ${SIGN[c.action]} ${verb} audience "${c.displayName}"${who}${days}${c.note ? ` — ${c.note}` : ""}`,
  ];
  if (c.action === "update" || c.action === "drift") out.push(...diffLines(c.diff ?? []));
  return out;
}
