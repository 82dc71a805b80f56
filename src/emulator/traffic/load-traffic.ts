// Generates synthetic traffic straight into an event store (streamed, no intermediate arrays).

import type { Project } from "../../project/model.js";
import type { EventStore } from "../data/event-store.js";
import { generateTraffic, type TrafficOptions } from "./generate.js";
import type { GroundTruth } from "./ground-truth.js";

export function loadTraffic(
  store: EventStore,
  propertyId: string,
  project: Project,
  options: Omit<TrafficOptions, "propertyId">,
): GroundTruth {
  const { events, truth } = generateTraffic(project, { ...options, propertyId });
  for (const e of events) store.append(e);
  return truth;
}
