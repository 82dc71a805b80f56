// JSON pointers (RFC 6901) into a spec file: how SourceRefs name a node without holding YAML objects.

export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Appends segments to a pointer, escaping "~" and "/". */
export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  let out = pointer === "/" ? "" : pointer;
  for (const s of segments) out += "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1");
  return out;
}
