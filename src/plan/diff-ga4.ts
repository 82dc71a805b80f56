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
  const changes: Ga4Change[] = [];
  const warnings: string[] = [];
  const next = new Set<string>();

  const liveEvents = new Map(live.keyEvents.map((k) => [k.eventName, k]));
  for (const d of [...desired.keyEvents].sort((a, b) => a.eventName.localeCompare(b.eventName))) {
    const l = liveEvents.get(d.eventName);
    const base = { kind: "keyEvent" as const, key: d.eventName, goals: d.goals, keyEvent: d };
    if (!l) {
      changes.push({ ...base, action: "create" });
      next.add(d.eventName);
    } else if (!owned.has(d.eventName)) {
      warnings.push(`key event "${d.eventName}" was created outside microgoals; left as it is`);
      changes.push({ ...base, action: "noop", name: l.name, note: "not created by microgoals" });
    } else {
      next.add(d.eventName);
      const before = { countingMethod: l.countingMethod, defaultValue: normValue(l.defaultValue) };
      const after = { countingMethod: d.countingMethod, defaultValue: normValue(d.defaultValue) };
      const diff = fieldDiff(before, after);
      changes.push({
        ...base,
        action: diff.length ? "update" : "noop",
        name: l.name,
        diff: diff.length ? diff : undefined,
      });
    }
  }
  const wanted = new Set(desired.keyEvents.map((k) => k.eventName));
  for (const l of [...live.keyEvents].sort((a, b) => a.eventName.localeCompare(b.eventName))) {
    if (wanted.has(l.eventName) || !owned.has(l.eventName)) continue;
    changes.push({ kind: "keyEvent", action: "delete", key: l.eventName, goals: [], name: l.name });
  }

  const liveDims = new Map(live.customDimensions.map((c) => [c.parameterName, c]));
  for (const d of [...desired.customDimensions].sort((a, b) =>
    a.parameterName.localeCompare(b.parameterName),
  )) {
    const l = liveDims.get(d.parameterName);
    const base = {
      kind: "customDimension" as const,
      key: d.parameterName,
      goals: d.goals,
      customDimension: d,
    };
    if (!l) changes.push({ ...base, action: "create" });
    else if (!parseMarker(l.description)) {
      warnings.push(`custom dimension "${d.parameterName}" was created outside microgoals; left as it is`);
      changes.push({ ...base, action: "noop", name: l.name, note: "not created by microgoals" });
    } else {
      const diff = fieldDiff(
        { displayName: l.displayName, description: l.description ?? "" },
        { displayName: d.displayName, description: d.description },
      );
      changes.push({
        ...base,
        action: diff.length ? "update" : "noop",
        name: l.name,
        diff: diff.length ? diff : undefined,
      });
    }
  }
  const wantedDims = new Set(desired.customDimensions.map((c) => c.parameterName));
  for (const l of [...live.customDimensions].sort((a, b) => a.parameterName.localeCompare(b.parameterName))) {
    if (wantedDims.has(l.parameterName) || !parseMarker(l.description)) continue;
    changes.push({
      kind: "customDimension",
      action: "delete",
      key: l.parameterName,
      goals: [],
      name: l.name,
      note: "archived",
    });
  }
  return { changes, ledger: [...next].sort(), warnings };
}

function normValue(v: { numericValue?: number; currencyCode?: string } | undefined) {
  return v && v.numericValue !== undefined
    ? { numericValue: Number(v.numericValue), currencyCode: v.currencyCode }
    : undefined;
}
