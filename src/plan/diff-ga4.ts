// desired − live for GA4 Admin. Custom dimensions are ours when their description carries the marker;
// key events when the folder ledger lists them (key-event-ledger.ts). Foreign ones are never touched.
import type { DesiredState } from "../compile/desired-state.js";
import { parseMarker } from "../compile/ownership.js";
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
    ours: (l) => Boolean(parseMarker(l.description)),
    attach: (d) => ({ customDimension: d }),
    compare: (l, d) => [
      { displayName: l.displayName, description: l.description ?? "" },
      { displayName: d.displayName, description: d.description },
    ],
    // the Admin API cannot delete a custom dimension, only archive it
    deleteNote: "archived",
  });
  return {
    changes: [...events.changes, ...dims.changes],
    ledger: [...new Set(events.kept)].sort(),
    warnings: [...events.warnings, ...dims.warnings],
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
      warnings.push(`${k.label} "${key}" was created outside microgoals; left as it is`);
      changes.push({ ...base, action: "noop", name: l.name, note: "not created by microgoals" });
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
    if (wanted.has(k.liveKey(l)) || !k.ours(l)) continue;
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
