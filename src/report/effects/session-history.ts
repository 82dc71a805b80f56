// The raw per-session history the exposure query extracts (or events-journeys.ts computes in
// memory), and its coarsening into the estimator's Journeys. Every figure is measured strictly
// before the session starts, except the landing page and device, which are fixed at its start.
import type { Category } from "./category.js";
import { binned, historyBins, topCategories } from "./coarsen.js";
import type { Journeys } from "./journeys.js";

export interface SessionHistory {
  /** dense user index per session row; rows sorted by user, then start */
  user: Int32Array;
  users: number;
  /** seconds since the epoch */
  start: Float64Array;
  sessionsSoFar: Float64Array;
  pageViewsSoFar: Float64Array;
  eventsSoFar: Float64Array;
  engagedSecondsSoFar: Float64Array;
  daysSinceFirstVisit: Float64Array;
  device: Category;
  firstMedium: Category;
  firstSource: Category;
  landingPage: Category;
}

/** How many of the most common values of each categorical covariate keep their own level. */
export const TOP_CATEGORIES = { device: 3, firstMedium: 6, firstSource: 6, landingPage: 6 } as const;

export function journeysOf(
  h: SessionHistory,
  firstTime: Map<string, Float64Array>,
  dataStart: number,
  dataEnd: number,
): Journeys {
  return {
    users: h.users,
    user: h.user,
    start: h.start,
    covariates: [
      binned("sessions so far", h.sessionsSoFar, historyBins.sessionsSoFar),
      binned("page views so far", h.pageViewsSoFar, historyBins.pageViewsSoFar),
      binned("events so far", h.eventsSoFar, historyBins.eventsSoFar),
      binned("engaged seconds so far", h.engagedSecondsSoFar, historyBins.engagedSecondsSoFar),
      binned("days since first visit", h.daysSinceFirstVisit, historyBins.daysSinceFirstVisit),
      topCategories("device", h.device, TOP_CATEGORIES.device),
      topCategories("first medium", h.firstMedium, TOP_CATEGORIES.firstMedium),
      topCategories("first source", h.firstSource, TOP_CATEGORIES.firstSource),
      topCategories("landing page", h.landingPage, TOP_CATEGORIES.landingPage),
    ],
    firstTime,
    dataStart,
    dataEnd,
  };
}
