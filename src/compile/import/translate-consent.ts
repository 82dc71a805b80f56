// A tag's consentSettings (export or API spelling) → the goal's `consent:`: the listed types when
// consent is needed, `none` when not needed, nothing when not set.
type Json = Record<string, unknown>;

export function consentOf(tag: Json): string[] | "none" | undefined {
  const c = tag.consentSettings as Json | undefined;
  const status = String(c?.consentStatus ?? "")
    .toLowerCase()
    .replace(/_/g, "");
  if (status === "notneeded") return "none";
  if (status !== "needed") return undefined;
  const list = ((c?.consentType as Json | undefined)?.list as Json[] | undefined) ?? [];
  const types = list.map((x) => String(x.value ?? "")).filter((v) => v !== "");
  return types.length > 0 ? types : undefined;
}
