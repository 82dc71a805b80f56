// An owned entity that something staying in the container still uses is never deleted: a tag a
// person made that fires on our trigger, a {{variable}} of ours in a hand-made tag, a setup tag. GTM
// accepts the delete, but the next create_version fails with a compiler error and the workspace stays
// unpublishable. Such deletes become "kept" (noop) with a warning that says who uses the entity.
import { parseMarker } from "../compile/ownership.js";
import type { LiveEntity, LiveGtm } from "./live-state.js";
import type { GtmChange, GtmKind, Plan } from "./model.js";

interface Uses {
  triggerIds: Set<string>;
  variableNames: Set<string>;
  tagNames: Set<string>;
}

/** What one live entity refers to: trigger ids, {{variable}} names, setup/teardown tag names. */
export function usesOf(raw: Record<string, unknown>): Uses {
  const uses: Uses = { triggerIds: new Set(), variableNames: new Set(), tagNames: new Set() };
  for (const field of ["firingTriggerId", "blockingTriggerId"])
    for (const id of (raw[field] as unknown[] | undefined) ?? []) uses.triggerIds.add(String(id));
  for (const field of ["setupTag", "teardownTag"])
    for (const t of (raw[field] as { tagName?: string }[] | undefined) ?? [])
      if (t.tagName) uses.tagNames.add(t.tagName);
  const visit = (value: unknown, key?: string): void => {
    if (key === "name" || key === "notes") return;
    if (typeof value === "string") {
      for (const m of value.matchAll(/\{\{([^{}]+)\}\}/g)) uses.variableNames.add(m[1]);
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value && typeof value === "object") {
      const p = value as { type?: string; value?: string };
      if (p.type === "triggerReference" && p.value) uses.triggerIds.add(p.value);
      if (p.type === "tagReference" && p.value) uses.tagNames.add(p.value);
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(raw);
  return uses;
}

function uses(u: Uses, kind: GtmKind, e: LiveEntity): boolean {
  if (kind === "trigger") return u.triggerIds.has(e.id);
  if (kind === "variable") return u.variableNames.has(String(e.raw.name));
  return u.tagNames.has(String(e.raw.name));
}

/**
 * Turns deletes of entities still used by an entity that stays (a foreign one, or an owned one left
 * alone as drift) into kept entities, until nothing kept uses a deleted one.
 */
export function keepReferenced(changes: GtmChange[], live: LiveGtm, warnings: string[]): GtmChange[] {
  const all: { kind: GtmKind; e: LiveEntity }[] = [
    ...live.variables.map((e) => ({ kind: "variable" as const, e })),
    ...live.triggers.map((e) => ({ kind: "trigger" as const, e })),
    ...live.tags.map((e) => ({ kind: "tag" as const, e })),
  ];
  const changeOf = new Map<string, GtmChange>();
  for (const c of changes) if (c.id) changeOf.set(`${c.kind}:${c.id}`, c);
  // An updated entity is rewritten to the spec, which only refers to entities the spec keeps.
  const stays = (kind: GtmKind, e: LiveEntity) => {
    const a = changeOf.get(`${kind}:${e.id}`)?.action;
    return a !== "delete" && a !== "update";
  };
  const out = [...changes];
  const usesById = new Map(all.map(({ kind, e }) => [`${kind}:${e.id}`, usesOf(e.raw)]));
  for (let changed = true; changed; ) {
    changed = false;
    const staying = all.filter(({ kind, e }) => stays(kind, e));
    for (const [i, c] of out.entries()) {
      if (c.action !== "delete" || !c.id) continue;
      const target = all.find((x) => x.kind === c.kind && x.e.id === c.id);
      if (!target) continue;
      const users = staying.filter((s) => uses(usesById.get(`${s.kind}:${s.e.id}`)!, c.kind, target.e));
      if (users.length === 0) continue;
      const who = users
        .slice(0, 3)
        .map(
          (u) =>
            `${u.kind} "${String(u.e.raw.name)}"${parseMarker(u.e.raw.notes as string) ? "" : " (not made by microgoals)"}`,
        )
        .join(", ");
      const more = users.length > 3 ? ` and ${users.length - 3} more` : "";
      out[i] = { ...c, action: "noop", note: `kept: ${who}${more} still uses it` };
      changeOf.set(`${c.kind}:${c.id}`, out[i]);
      warnings.push(
        `${c.kind} "${c.name}" is no longer in the spec, but ${who}${more} (not deleted by this plan) still uses it; kept. Remove that use in GTM, then plan again to delete it.`,
      );
      changed = true;
    }
  }
  return out;
}

/**
 * A saved plan's deletes that something in the live read now uses (made after `plan --out`): apply
 * refuses them before the first write, as a fresh plan would have kept them.
 */
export function usedDeletes(plan: Plan, live: LiveGtm): string[] {
  const kept = keepReferenced(plan.gtm.changes, live, []);
  return kept.flatMap((c, i) =>
    c === plan.gtm.changes[i]
      ? []
      : [`${c.kind} "${c.name}" would be deleted, but ${(c.note ?? "").replace(/^kept: /, "")} now`],
  );
}
