// JSON with object keys sorted at every level: the byte-stable form used for hashing and for the
// compiled output, so the same spec always yields the same bytes on every platform.

export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalize(v);
    }
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown, indent?: number): string {
  if (indent === undefined) return compact(value) as string;
  return JSON.stringify(canonicalize(value), null, indent);
}

// Keys repeat across entities (type, key, value, list, map, …): each is quoted once.
const quoted = new Map<string, string>();
function quotedKey(key: string): string {
  let q = quoted.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    quoted.set(key, q);
  }
  return q;
}

// JS orders integer-like keys numerically whatever the insertion order; such objects take the
// canonicalize route so the bytes stay exactly those of JSON.stringify(canonicalize(value)).
const indexLike = /^(?:0|[1-9][0-9]{0,8})$/;

/**
 * JSON.stringify(canonicalize(value)) written directly, without the sorted copy: the ownership
 * hashes run this on every entity (a tenth of a 1,000-goal compile, issue 19).
 */
function compact(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (let i = 0; i < value.length; i++) items.push(compact(value[i]) ?? "null");
        return `[${items.join(",")}]`;
      }
      const keys = Object.keys(value).sort();
      let out = "{";
      for (const key of keys) {
        // A digit first may be index-like, and JS orders those keys numerically: the rare case goes
        // the canonicalize route (as does an object with its own toJSON).
        const first = key.charCodeAt(0);
        if ((first >= 48 && first <= 57 && indexLike.test(key)) || key === "toJSON")
          return JSON.stringify(canonicalize(value));
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined) continue;
        const json = compact(v);
        if (json === undefined) continue;
        out += `${out.length > 1 ? "," : ""}${quotedKey(key)}:${json}`;
      }
      return `${out}}`;
    }
    default:
      // undefined, functions and symbols are left out, as JSON.stringify does; a bigint throws.
      return JSON.stringify(value);
  }
}
