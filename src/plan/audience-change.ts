// What an audience change costs. GA4 cannot delete an audience (delete = archive) and most of an
// audience is immutable: a changed membership or filter is a replace (archive, then create).
import type { AudienceChange } from "./model.js";

export type { AudienceChange } from "./model.js";

/** API calls a change costs: a replace is an archive and a create. */
export function audienceWrites(c: AudienceChange): number {
  if (c.action === "update") return c.replace ? 2 : 1;
  return c.action === "create" || c.action === "delete" ? 1 : 0;
}
