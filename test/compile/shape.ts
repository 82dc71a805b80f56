// A comparable "shape" of an export-format entity: the set of paths with their GTM parameter types,
// ignoring ids, names and values. Two entities of the same kind match when their paths and types agree.
type Json = Record<string, unknown>;
const IGNORED = new Set([
  "accountId",
  "containerId",
  "triggerId",
  "tagId",
  "variableId",
  "fingerprint",
  "parentFolderId",
  "notes",
  "name",
  "tagManagerUrl",
  "path",
  "workspaceId",
  "monitoringMetadata",
  "consentSettings",
  "priority",
  "formatValue",
  "firingTriggerId",
]);
const CONDITIONS = new Set(["filter", "autoEventFilter", "customEventFilter"]);

function paramPaths(prefix: string, p: Json, out: Set<string>): void {
  const here = p.key === undefined ? `${prefix}[]` : `${prefix}.${String(p.key)}`;
  out.add(`${here}:${String(p.type)}`);
  for (const sub of ["list", "map"] as const) {
    const items = p[sub];
    if (Array.isArray(items)) for (const x of items) paramPaths(`${here}.${sub}`, x as Json, out);
  }
}

/** Paths of an entity; condition parameters are reported under "condition" (shared by all kinds). */
export function shapeOf(entity: Json): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(entity)) {
    if (IGNORED.has(k)) continue;
    if (CONDITIONS.has(k)) {
      out.add(`${k}:conditions`);
      for (const c of v as Json[]) for (const p of c.parameter as Json[]) paramPaths("condition", p, out);
    } else if (k === "parameter") {
      for (const p of v as Json[]) paramPaths("parameter", p, out);
    } else if (typeof v === "object" && v !== null && !Array.isArray(v) && "type" in v) {
      out.add(`${k}:${String((v as Json).type)}`);
    } else if (k === "type" || k === "tagFiringOption") {
      out.add(`${k}=${String(v)}`);
    } else {
      out.add(`${k}:${Array.isArray(v) ? "array" : typeof v}`);
    }
  }
  return out;
}

export function union(sets: Iterable<Set<string>>): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}
