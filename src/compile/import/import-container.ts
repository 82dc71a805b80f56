// Container export → goal YAML objects. One goal per GA4 event tag whose trigger and parameters
// the spec can express; every other tag is listed with the reason it was skipped. Never throws on
// a malformed file: a missing piece is a skip reason, not a crash.

import { reservedEventNames } from "../../project/ga4-naming.js";
import { parseTagName } from "../naming.js";
import { parseMarker } from "../ownership.js";
import { ENGAGEMENT_TAG_KEY } from "../tags/engagement-counter.js";
import { GOOGLE_TAG_KEY } from "../tags/google-tag.js";
import { type ExportLookup, exportLookup, type ImportedTag, param } from "./export-lookup.js";
import { attachAds, type ImportedGoal } from "./translate-ads.js";
import { consentOf } from "./translate-consent.js";
import { translateTrigger } from "./translate-trigger.js";
import { translateValue, Untranslatable } from "./translate-value.js";

export type YamlGoal = Record<string, unknown> & { id: string };

export interface Skipped {
  tag: string;
  reason: string;
}

export interface ImportResult {
  goals: YamlGoal[];
  skipped: Skipped[];
  /** Imported, but something was dropped (e.g. parameters from an event settings variable). */
  partial: Skipped[];
}

export function importContainer(file: unknown): ImportResult {
  const lookup = exportLookup(file);
  const goals: YamlGoal[] = [];
  const skipped: Skipped[] = [];
  const partial: Skipped[] = [];
  const ids = new Set<string>();
  const events = new Set<string>();
  const adsTags: ImportedTag[] = [];
  const imported: ImportedGoal[] = [];
  for (const tag of lookup.tags) {
    const name = String(tag.name ?? `tag ${tag.tagId ?? "?"}`);
    if (tag.type === "awct") {
      adsTags.push(tag); // attached to their goals once all GA4 tags are read
      continue;
    }
    if (tag.type === "gclidw") {
      skipped.push({ tag: name, reason: "Conversion Linker (added for goals with ads:)" });
      continue;
    }
    try {
      const { goal, event, dropped } = translateTag(tag, lookup);
      if (events.has(event))
        throw new Untranslatable(`event "${event}" is already imported from another tag`);
      let id = goal.id;
      for (let n = 2; ids.has(id); n++) id = `${goal.id}_${n}`;
      ids.add(id);
      events.add(event);
      const entry = { ...goal, id };
      goals.push(entry);
      imported.push({ goal: entry, tag });
      if (dropped) partial.push({ tag: name, reason: dropped });
    } catch (err) {
      if (!(err instanceof Untranslatable)) throw err;
      skipped.push({ tag: name, reason: err.message });
    }
  }
  attachAds(adsTags, imported, skipped, partial);
  return { goals, skipped, partial };
}

function translateTag(
  tag: ImportedTag,
  lookup: ExportLookup,
): { goal: YamlGoal; event: string; dropped?: string } {
  const marker = parseMarker(tag.notes)?.key;
  if (marker === ENGAGEMENT_TAG_KEY)
    throw new Untranslatable("microgoals engagement counter (regenerated from engagement goals)");
  if (marker === GOOGLE_TAG_KEY || tag.type === "googtag")
    throw new Untranslatable("Google tag (set install_google_tag in microgoals.yaml)");
  if (tag.type !== "gaawe") throw new Untranslatable(`tag type ${tag.type} is not a GA4 event tag`);
  const event = param(tag.parameter, "eventName")?.value ?? "";
  if (!event) throw new Untranslatable("no event name");
  if (event.includes("{{")) throw new Untranslatable(`event name comes from a variable (${event})`);
  if (tag.firingTriggerId.length !== 1)
    throw new Untranslatable(`fires on ${tag.firingTriggerId.length} triggers; a goal has exactly one`);
  if (Array.isArray(tag.blockingTriggerId) && tag.blockingTriggerId.length)
    throw new Untranslatable("has exception (blocking) triggers");
  const trigger = lookup.triggers.get(tag.firingTriggerId[0]!);
  if (!trigger)
    throw new Untranslatable(`fires on trigger ${tag.firingTriggerId[0]} which is not in the file`);
  const yamlTrigger = translateTrigger(trigger, lookup);

  const params: Record<string, unknown> = {};
  const table = param(tag.parameter, "eventSettingsTable")?.list ?? [];
  for (const row of table) {
    const pname = param(row.map, "parameter")?.value;
    if (!pname || pname.includes("{{")) throw new Untranslatable("parameter name from a variable");
    params[pname] = translateValue(param(row.map, "parameterValue")?.value ?? "", lookup);
  }
  const settingsVariable = param(tag.parameter, "eventSettingsVariable")?.value;
  const dropped = settingsVariable
    ? `parameters from event settings variable ${settingsVariable} were not imported`
    : undefined;

  const parsed = parseTagName(String(tag.name ?? ""));
  const id = parsed?.id ?? goalId(event);
  const goal: YamlGoal = { id, title: String(tag.name ?? id) };
  // GA4's recommended conversion events are macro goals even in a hand-made container.
  if (parsed?.kind === "macro" || (!parsed && MACRO_EVENTS.has(event))) goal.kind = "macro";
  else Object.assign(goal, { kind: "micro", role: "secondary" });
  if (event !== id) goal.event = event;
  if (reservedEventNames.has(event)) goal.reserved_event = true;
  goal.trigger = yamlTrigger;
  if (Object.keys(params).length) goal.params = params;
  const consent = consentOf(tag as Record<string, unknown>);
  if (consent) goal.consent = consent;
  return { goal, event, dropped };
}

/** GA4 recommended events that are the conversion itself (purchase, leads, sign-up). */
const MACRO_EVENTS = new Set(["purchase", "generate_lead", "sign_up", "qualify_lead", "close_convert_lead"]);

function goalId(event: string): string {
  const id = event
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^[^a-z]+/, "");
  return id || "imported_goal";
}
