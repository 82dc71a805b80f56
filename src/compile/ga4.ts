// GA4 side of the desired state: key events (one per distinct event name) and event-scoped custom
// dimensions for parameters marked `report: true`. Dimensions have no notes, so the ownership
// marker goes in `description` (≤150 chars); key events are owned by event name matching the spec.
import type { Goal, Project } from "../project/model.js";
import type { DesiredCustomDimension, DesiredKeyEvent } from "./desired-state.js";
import { dimensionDescription } from "./ga4-ownership.js";
import { contentHash } from "./ownership.js";

export function keyEvents(goals: Goal[], project: Project): DesiredKeyEvent[] {
  const byEvent = new Map<string, DesiredKeyEvent>();
  for (const g of [...goals].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!g.keyEvent) continue;
    const existing = byEvent.get(g.event);
    if (existing) {
      // Conflicting settings for one event are rejected by rule compile-key-event-conflict.
      existing.goals.push(g.id);
      continue;
    }
    const ke: DesiredKeyEvent = {
      eventName: g.event,
      countingMethod: g.keyEvent.counting === "once_per_session" ? "ONCE_PER_SESSION" : "ONCE_PER_EVENT",
      goals: [g.id],
    };
    if (g.keyEvent.value !== undefined) {
      ke.defaultValue = {
        numericValue: g.keyEvent.value,
        currencyCode: g.keyEvent.currency ?? project.report.currency,
      };
    }
    byEvent.set(g.event, ke);
  }
  return [...byEvent.values()].sort((a, b) => (a.eventName < b.eventName ? -1 : 1));
}

export function dimensionKey(parameterName: string): string {
  return `dimension:${parameterName}`;
}

/** `project` is the project's tag (ga4-ownership.ts), named in each dimension's marker. */
export function customDimensions(goals: Goal[], project: string): DesiredCustomDimension[] {
  const byParam = new Map<string, Set<string>>();
  for (const g of goals) {
    // An offline goal's transaction_id, so `offline reconcile` can ask the Data API which arrived.
    if (g.trigger.kind === "offline")
      byParam.set("transaction_id", (byParam.get("transaction_id") ?? new Set()).add(g.id));
    for (const p of g.params) {
      if (!p.report) continue;
      const set = byParam.get(p.name) ?? new Set<string>();
      set.add(g.id);
      byParam.set(p.name, set);
    }
  }
  return [...byParam.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([parameterName, goalIds]) => {
      const core = { parameterName, displayName: parameterName, scope: "EVENT" as const };
      const description = dimensionDescription(dimensionKey(parameterName), contentHash(core), project);
      return { ...core, description, goals: [...goalIds].sort() };
    });
}
