// GA4 custom dimensions belong to a property, and several projects (sites, containers) may share one
// property. The marker in a dimension's description therefore names the project (`project=<tag>`,
// from `name` in microgoals.yaml): a project only updates or archives the dimensions it made. A
// marker with no project (microgoals before this) is adopted when the spec still wants the
// dimension, and never archived, since it cannot tell which project made it.
import { machineLine, parseMarker, shortHash } from "./ownership.js";

const PROJECT_RE = / project=(\S+)/;
/** Keeps the description within GA4's 150 characters with a 40-character parameter name. */
const MAX_TAG = 24;

/** The project's tag in markers: a slug of its name, shortened with a hash when long. */
export function projectTag(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length === 0) return `p-${shortHash(name).slice(0, 6)}`;
  if (slug.length <= MAX_TAG) return slug;
  return `${slug.slice(0, MAX_TAG - 7).replace(/-+$/, "")}-${shortHash(name).slice(0, 6)}`;
}

export function dimensionDescription(key: string, hash: string, project: string): string {
  return `Managed by microgoals. ${machineLine(key, hash)} project=${project}`;
}

/** Who made a live dimension: undefined when not microgoals; project undefined for an old marker. */
export function dimensionOwner(description: string | undefined): { project?: string } | undefined {
  if (!parseMarker(description)) return undefined;
  const m = PROJECT_RE.exec(description ?? "");
  return m ? { project: m[1] } : {};
}
