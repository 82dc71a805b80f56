// desired − live for GA4 Admin. Custom dimensions are ours when their description carries the marker;
// key events when the folder ledger lists them (key-event-ledger.ts). Foreign ones are never touched.
import type { DesiredState } from "../compile/desired-state.js";
import { dimensionOwner } from "../compile/ga4-ownership.js";
import { fieldDiff } from "./field-diff.js";
import type { LiveGa4 } from "./live-state.js";
import type { Ga4Change } from "./model.js";

export interface Ga4Diff {
  changes: Ga4Change[];
  /** Key events microgoals owns after the apply (the new ledger). */
  ledger: string[];
  warnings: string[];
}

export function diffGa4(desired: DesiredState["ga4"], live: LiveGa4, ledger: string[]): Ga4Diff {
  const owned = new Set(ledger);
  const events = diffObjects(desired.keyEvents, live.keyEvents, {
    kind: "keyEvent",
    label: "key event",
    desiredKey: (d) => d.eventName,
    liveKey: (l) => l.eventName,
    ours: (l) => owned.has(l.eventName),
    attach: (d) => ({ keyEvent: d }),
    compare: (l, d) => [
      { countingMethod: l.countingMethod, defaultValue: normValue(l.defaultValue) },
      { countingMethod: d.countingMethod, defaultValue: normValue(d.defaultValue) },
    ],
  });
  const dims = diffObjects(desired.customDimensions, live.customDimensions, {
    kind: "customDimension",
    label: "custom dimension",
    desiredKey: (d) => d.parameterName,
    liveKey: (l) => l.parameterName,
    // per project: another project on the same property keeps its own (compile/ga4-ownership.ts)
    ours: (l) => {
      const owner = dimensionOwner(l.description);
      return owner !== undefined && (owner.project === undefined || owner.project === desired.project);
    },
    deletable: (l) => dimensionOwner(l.description)?.project === desired.project,
    madeBy: (l) => {
      const project = dimensionOwner(l.description)?.project;
      return project ? `by microgoals project ${project}` : undefined;
    },
    attach: (d) => ({ customDimension: d }),
    compare: (l, d) => [
      { displayName: l.displayName, description: l.description ?? "" },
      { displayName: d.displayName, description: d.description },
    ],
    // the Admin API cannot delete a custom dimension, only archive it
    deleteNote: "archived",
  });
  const wantedDims = new Set(desired.customDimensions.map((d) => d.parameterName));
  const unclaimed = live.customDimensions
    .filter((l) => {
      const owner = dimensionOwner(l.description);
      return !wantedDims.has(l.parameterName) && owner !== undefined && owner.project === undefined;
    })
    .map(
      (l) =>
        `custom dimension "${l.parameterName}" has a microgoals marker that names no project (an older microgoals) and is no longer in this spec; not archived, since another project on this property may use it`,
    );
  return {
    changes: [...events.changes, ...dims.changes],
    ledger: [...new Set(events.kept)].sort(),
    warnings: [...events.warnings, ...dims.warnings, ...unclaimed],
  };
}

/** How one kind of GA4 object is matched, owned and compared. */
interface ObjectKind<D, L> {
  kind: Ga4Change["kind"];
  label: string;
  desiredKey(d: D): string;
  liveKey(l: L): string;
  /** Whether microgoals owns this live object (only those are updated or deleted). */
  ours(l: L): boolean;
  /** Of those, which may be deleted when the spec no longer wants them (default: all). */
  deletable?(l: L): boolean;
  /** Who made an object that is not ours, when known ("by microgoals project x"). */
  madeBy?(l: L): string | undefined;
  attach(d: D): Pick<Ga4Change, "keyEvent" | "customDimension">;
  /** The compared fields: [live, desired]. */
  compare(l: L, d: D): [unknown, unknown];
  deleteNote?: string;
}

/** desired − live for one kind; `kept` are the keys microgoals owns after the apply. */
function diffObjects<D extends { goals: string[] }, L extends { name: string }>(
  desired: D[],
  live: L[],
  k: ObjectKind<D, L>,
): { changes: Ga4Change[]; warnings: string[]; kept: string[] } {
  const changes: Ga4Change[] = [];
  const warnings: string[] = [];
  const kept: string[] = [];
  const liveByKey = new Map(live.map((l) => [k.liveKey(l), l]));
  for (const d of [...desired].sort((a, b) => k.desiredKey(a).localeCompare(k.desiredKey(b)))) {
    const key = k.desiredKey(d);
    const l = liveByKey.get(key);
    const base = { kind: k.kind, key, goals: d.goals, ...k.attach(d) };
    if (!l) {
      changes.push({ ...base, action: "create" });
      kept.push(key);
    } else if (!k.ours(l)) {
      const by = k.madeBy?.(l);
      warnings.push(`${k.label} "${key}" was created ${by ?? "outside microgoals"}; left as it is`);
      changes.push({
        ...base,
        action: "noop",
        name: l.name,
        note: by ? `created ${by}` : "not created by microgoals",
      });
    } else {
      kept.push(key);
      const diff = fieldDiff(...k.compare(l, d));
      changes.push({
        ...base,
        action: diff.length ? "update" : "noop",
        name: l.name,
        diff: diff.length ? diff : undefined,
      });
    }
  }
  const wanted = new Set(desired.map(k.desiredKey));
  for (const l of [...live].sort((a, b) => k.liveKey(a).localeCompare(k.liveKey(b)))) {
    if (wanted.has(k.liveKey(l)) || !k.ours(l) || !(k.deletable?.(l) ?? true)) continue;
    const note = k.deleteNote === undefined ? {} : { note: k.deleteNote };
    changes.push({ kind: k.kind, action: "delete", key: k.liveKey(l), goals: [], name: l.name, ...note });
  }
  return { changes, warnings, kept };
}

function normValue(v: { numericValue?: number; currencyCode?: string } | undefined) {
  return v && v.numericValue !== undefined
    ? { numericValue: Number(v.numericValue), currencyCode: v.currencyCode }
    : undefined;
}
