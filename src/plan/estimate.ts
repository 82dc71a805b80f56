// How long an apply takes under the GTM quota: the first `limit` calls of a window are free, then
// each call waits window/limit (4 s at 25 per 100 s). GA4 Admin writes are far below their quota.
import type { Estimate } from "./model.js";

export interface Quota {
  limit: number;
  windowS: number;
}

export const GTM_QUOTA: Quota = { limit: 25, windowS: 100 };

/** Quota-bound optimum for `calls` GTM calls starting from an empty window. */
export function quotaSeconds(calls: number, quota: Quota = GTM_QUOTA): number {
  return Math.max(0, calls - quota.limit) * (quota.windowS / quota.limit);
}

export function estimate(gtmWrites: number, ga4Writes: number, quota: Quota = GTM_QUOTA): Estimate {
  return { gtmWrites, ga4Writes, seconds: quotaSeconds(gtmWrites, quota) };
}
