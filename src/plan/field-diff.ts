// Field-level diff between two JSON values for the plan's "~ update" lines. Arrays of objects that
// carry a unique `key` (GTM parameters) are matched by key, so a changed value reads
// `parameter[eventName].value` instead of a shifted index.
import type { FieldDiff } from "./model.js";

export function fieldDiff(before: unknown, after: unknown, path = ""): FieldDiff[] {
  if (same(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => fieldDiff(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const bk = keyed(before);
    const ak = keyed(after);
    if (bk && ak) {
      const keys = [...new Set([...bk.keys(), ...ak.keys()])].sort();
      return keys.flatMap((k) => fieldDiff(bk.get(k), ak.get(k), `${path}[${k}]`));
    }
    if (before.length === after.length)
      return before.flatMap((b, i) => fieldDiff(b, after[i], `${path}[${i}]`));
  }
  const d: FieldDiff = { path: path || "(value)" };
  if (before !== undefined) d.before = before;
  if (after !== undefined) d.after = after;
  return [d];
}

function keyed(list: unknown[]): Map<string, unknown> | undefined {
  const m = new Map<string, unknown>();
  for (const item of list) {
    if (!isObject(item) || typeof item.key !== "string" || m.has(item.key)) return undefined;
    m.set(item.key, item);
  }
  return m;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
  }
  return false;
}
