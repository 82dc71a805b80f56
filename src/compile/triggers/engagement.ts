// Engagement thresholds (pages per session, visits) have no GTM trigger type. A generated Custom
// HTML tag (tags/engagement-counter.ts) counts them and pushes a data-layer event; the goal fires
// on a Custom Event trigger for that event. The goal's conditions filter that trigger.
import { compileConditions } from "../conditions.js";
import type { CompileContext } from "../context.js";
import { customEventTrigger } from "./data-layer.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";

export interface EngagementThreshold {
  event: string;
  pages: number; // 0 = no page condition
  visits: number; // 0 = no visit condition
}

export function engagementThreshold(t: SpecOf<"engagement">): EngagementThreshold {
  const parts: string[] = [];
  if (t.pagesPerSession !== undefined) parts.push(`pages_${t.pagesPerSession}`);
  if (t.visits !== undefined) parts.push(`visits_${t.visits}`);
  return {
    event: `microgoals.engagement.${parts.join(".")}`,
    pages: t.pagesPerSession ?? 0,
    visits: t.visits ?? 0,
  };
}

export function engagementTrigger(t: SpecOf<"engagement">, ctx: CompileContext): TriggerShape {
  return customEventTrigger(engagementThreshold(t).event, ctx, compileConditions(t.conditions, ctx));
}
