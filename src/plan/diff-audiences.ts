// desired − live for GA4 audiences, with the rules of custom dimensions and GTM entities: ours when
// the description ends with our marker (foreign ones never touched), drift when the live content no
// longer hashes to the marker (left alone unless forced), removed ones archived.
import { audienceContent } from "../compile/audiences.js";
import type { DesiredAudience } from "../compile/desired-state.js";
import { contentHash, parseMarker } from "../compile/ownership.js";
import type { AudienceChange } from "./audience-change.js";
import { fieldDiff } from "./field-diff.js";
import type { LiveAudience } from "./live-state.js";

const MUTABLE = new Set(["displayName", "description"]);

export function diffAudiences(
  desired: DesiredAudience[],
  live: LiveAudience[],
  force: boolean,
): { changes: AudienceChange[]; warnings: string[] } {
  const changes: AudienceChange[] = [];
  const warnings: string[] = [];
  const owned = new Map<string, LiveAudience[]>();
  for (const l of live) {
    const m = parseMarker(l.description);
    if (m) owned.set(m.key, [...(owned.get(m.key) ?? []), l]);
  }
  const drifted = (l: LiveAudience) => contentHash(audienceContent(l)) !== parseMarker(l.description)!.hash;

  for (const d of desired) {
    const base = { kind: "audience" as const, key: d.key, displayName: d.displayName, goals: d.goals };
    const [l, ...extras] = owned.get(d.key) ?? [];
    for (const dup of extras)
      changes.push({
        ...base,
        action: "delete",
        name: dup.name,
        note: "duplicate of the same audience; archived",
      });
    if (!l) {
      changes.push({ ...base, action: "create", audience: d });
      continue;
    }
    const diff = fieldDiff(audienceContent(l), audienceContent(d));
    if (drifted(l) && !force) {
      changes.push({
        ...base,
        action: "drift",
        name: l.name,
        diff,
        note: "audience edited in GA4 since the last deploy",
      });
      warnings.push(
        `audience "${d.displayName}" was edited in GA4 since the last deploy; left alone (use --force)`,
      );
    } else if (parseMarker(l.description)!.hash === d.hash && !drifted(l)) {
      changes.push({ ...base, action: "noop", name: l.name });
    } else {
      const replace = diff.some((f) => !MUTABLE.has(f.path.split(/[.[]/)[0]!));
      changes.push({
        ...base,
        action: "update",
        name: l.name,
        audience: d,
        diff,
        ...(replace
          ? {
              replace: true,
              note: "membership or filter changed: GA4 keeps these fixed, so the old audience is archived and a new one created",
            }
          : {}),
      });
    }
  }
  const wanted = new Set(desired.map((d) => d.key));
  for (const [key, list] of [...owned].sort(([a], [b]) => a.localeCompare(b))) {
    if (wanted.has(key)) continue;
    for (const l of list) {
      const base = { kind: "audience" as const, key, displayName: l.displayName, goals: [], name: l.name };
      if (drifted(l) && !force) {
        changes.push({
          ...base,
          action: "drift",
          note: "edited in GA4 and no longer in the spec; not archived",
        });
        warnings.push(
          `audience "${l.displayName}" is no longer in the spec but was edited in GA4; not archived (use --force)`,
        );
      } else changes.push({ ...base, action: "delete", note: "archived: GA4 cannot delete an audience" });
    }
  }
  return { changes, warnings };
}
