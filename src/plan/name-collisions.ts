// GTM rejects a second entity with a name already in the workspace (HTTP 400), and microgoals never
// renames what it does not own. A fresh plan reports such a name as a conflict; a saved plan was
// made earlier, so the names it will write are checked again against the live read, before the first
// write, instead of failing after dozens of them.
import { parseMarker } from "../compile/ownership.js";
import type { LiveEntity, LiveGtm } from "./live-state.js";
import type { GtmKind, Plan } from "./model.js";

export function nameCollisions(plan: Plan, live: LiveGtm): string[] {
  const byKind: Record<GtmKind, LiveEntity[]> = {
    variable: live.variables,
    trigger: live.triggers,
    tag: live.tags,
  };
  const out: string[] = [];
  for (const c of plan.gtm.changes) {
    if (c.action !== "create" && c.action !== "update") continue;
    const name = c.body?.name ?? c.name;
    const holder = byKind[c.kind].find((e) => e.raw.name === name && e.id !== c.id);
    if (!holder) continue;
    const whose = parseMarker(holder.raw.notes as string | undefined)
      ? "another microgoals entity"
      : "not made by microgoals";
    out.push(
      `a ${c.kind} named "${name}" now exists (id ${holder.id}, ${whose}); this plan would ${c.action} one with the same name, which GTM refuses`,
    );
  }
  return out;
}
