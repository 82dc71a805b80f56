// Builds the Plan from the desired state and what was read live. Pure: no I/O.
import type { DesiredState } from "../compile/desired-state.js";
import { contentHash, parseMarker } from "../compile/ownership.js";
import { audienceWrites } from "./audience-change.js";
import { diffAudiences } from "./diff-audiences.js";
import { diffGa4 } from "./diff-ga4.js";
import { diffGtm, ownedKeyById } from "./diff-gtm.js";
import { applyReads, estimate, GTM_QUOTA, type Quota } from "./estimate.js";
import { folderNotes, isOurFolder, readLedger } from "./key-event-ledger.js";
import type { LiveGa4, LiveGtm } from "./live-state.js";
import { isWrite, type LiveFingerprint, type Plan } from "./model.js";
import { normalizeLive } from "./normalize.js";

/** Entities moved into the folder per move_entities_to_folder call (bounded by URL length). */
export const MOVE_BATCH = 50;

export interface PlanOptions {
  force?: boolean;
  quota?: Quota;
  /** Our workspace is behind the latest version: apply syncs it (one write, then a re-read). */
  behind?: boolean;
}

export function makePlan(desired: DesiredState, gtm: LiveGtm, ga4: LiveGa4, options: PlanOptions = {}): Plan {
  const folder = gtm.folders.find((f) => isOurFolder(f.notes));
  const g = diffGtm(desired.gtm, gtm, folder?.id, options.force ?? false);
  const a = diffGa4(desired.ga4, ga4, readLedger(folder?.notes));
  const notes = folderNotes(a.ledger);
  const folderAction = !folder ? "create" : (folder.notes ?? "") !== notes ? "update" : "noop";

  const created = g.changes.filter((c) => c.action === "create").length;
  const moves = created + g.moveToFolder.length;
  const gtmEntityWrites = g.changes.filter((c) => isWrite(c.action)).length;
  const anyGtm = gtmEntityWrites + g.enableBuiltIns.length + moves > 0 || folderAction !== "noop";
  // Apply creates the workspace when missing, or syncs it when behind, only when it writes to GTM.
  const workspaceWrites = anyGtm && (gtm.source !== "workspace" || options.behind) ? 1 : 0;
  const gtmWrites =
    gtmEntityWrites +
    (g.enableBuiltIns.length > 0 ? 1 : 0) +
    (folderAction !== "noop" ? 1 : 0) +
    Math.ceil(moves / MOVE_BATCH) +
    workspaceWrites;
  const aud = diffAudiences(desired.ga4.audiences ?? [], ga4.audiences ?? [], options.force ?? false);
  const ga4Writes =
    a.changes.filter((c) => isWrite(c.action)).length +
    aud.changes.reduce((n, c) => n + audienceWrites(c), 0);
  const gtmReads = applyReads(gtm.source, workspaceWrites > 0, gtm.reads);

  return {
    format: "microgoals-plan/1",
    target: desired.target,
    gtm: {
      accountId: desired.gtm.accountId,
      containerId: desired.gtm.containerId,
      workspaceName: desired.gtm.workspaceName,
      ...(desired.gtm.environment ? { environment: desired.gtm.environment } : {}),
      folderName: desired.gtm.folderName,
      enableBuiltIns: g.enableBuiltIns,
      folder: { action: folderAction, id: folder?.id, notes },
      moveToFolder: g.moveToFolder,
      changes: g.changes,
    },
    ga4: {
      propertyId: desired.ga4.propertyId,
      changes: a.changes,
      ...(aud.changes.length > 0 ? { audiences: aud.changes } : {}),
    },
    live: fingerprint(gtm, ga4),
    estimate: estimate({ gtmReads, gtmWrites, workspaceWrites, ga4Writes }, options.quota ?? GTM_QUOTA),
    warnings: [...g.warnings, ...a.warnings, ...aud.warnings],
    conflicts: g.conflicts,
  };
}

/**
 * What a saved plan was made against: every owned GTM entity (fingerprint when read from the
 * workspace) and every GA4 object. Foreign GTM entities are not included: editing them cannot
 * change what the plan does.
 */
export function fingerprint(gtm: LiveGtm, ga4: LiveGa4): LiveFingerprint {
  const entities: Record<string, string> = {};
  const triggerKeys = ownedKeyById(gtm.triggers);
  for (const [kind, list] of [
    ["variable", gtm.variables],
    ["trigger", gtm.triggers],
    ["tag", gtm.tags],
  ] as const) {
    for (const e of list) {
      const notes = e.raw.notes as string | undefined;
      if (!notes?.includes("microgoals:v1")) continue;
      const body = normalizeLive(kind, e.raw, triggerKeys);
      entities[`${kind}:${e.id}`] = gtm.source === "workspace" ? e.fingerprint : contentHash(body);
    }
  }
  for (const f of gtm.folders) if (isOurFolder(f.notes)) entities[`folder:${f.id}`] = f.notes ?? "";
  for (const k of ga4.keyEvents)
    entities[`keyEvent:${k.eventName}`] = JSON.stringify([k.countingMethod, k.defaultValue ?? null]);
  for (const c of ga4.customDimensions)
    entities[`customDimension:${c.parameterName}`] = JSON.stringify([c.displayName, c.description ?? ""]);
  for (const au of ga4.audiences ?? [])
    if (parseMarker(au.description)) entities[`audience:${au.name}`] = contentHash(au);
  return { entities: sortRecord(entities), source: gtm.source };
}

function sortRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
