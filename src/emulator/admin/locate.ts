// Property lookup for Admin routes. Properties are created on first use so any property id works.
import { addProperty } from "../state.js";
import type { World } from "../world.js";
import type { Ga4Property } from "./types.js";

export function property(world: World, propertyId: string): Ga4Property {
  const found = world.state.ga4.properties.find((p) => p.propertyId === propertyId);
  if (found) return found;
  const created = addProperty(world.state, world.options, propertyId);
  world.changed();
  return created;
}

/** Admin list paging: pageSize default 50, values above 200 are coerced to 200. */
export function adminPageSize(raw: string | null): number {
  const n = raw ? Number(raw) : 0;
  if (!Number.isFinite(n) || n <= 0) return 50;
  return Math.min(200, Math.floor(n));
}

export function parseUpdateMask(raw: string | null): string[] {
  return (raw ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => f.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()));
}
