// How long an apply takes under the GTM quota, simulated exactly as the pacer paces
// (src/google/quota-eta.ts): the first `limit` calls of a window go through, then each call waits
// for the oldest slot to leave the window. Counts every GTM call apply makes (its reads too, and
// publish), so the plan's figure and the progress bar's ETA agree. GA4 Admin is far below its quota.
import type { Estimate } from "./model.js";
import { pacerMarginMs, quotaEtaMs } from "./quota-eta.js";

export interface Quota {
  limit: number;
  /** Window length in seconds as the clock runs: an emulator's time scale already applied. */
  windowS: number;
}

export const GTM_QUOTA: Quota = { limit: 25, windowS: 100 };

/** create_version + versions.publish. */
export const PUBLISH_CALLS = 2;

/** GTM lists of a workspace read: tags, triggers, variables, built-in variables, folders. */
export const WORKSPACE_LISTS = 5;

/**
 * GTM reads apply makes: workspaces.list and version_headers.latest, then getStatus and the
 * workspace's lists when it exists; otherwise versions.get (when there is a version) and, once it
 * has created (or synced) the workspace, the workspace's lists again. `observed` is what the plan's
 * own live read cost, paging included: apply repeats that read. Without it (a plan saved before)
 * each list counts one page; lists re-read after a create or sync always count one page each.
 */
export function applyReads(
  source: "workspace" | "version" | "empty",
  refreshed: boolean,
  observed?: number,
): number {
  const first = source === "workspace" ? 1 + WORKSPACE_LISTS : source === "version" ? 1 : 0;
  return (observed ?? 2 + first) + (refreshed ? WORKSPACE_LISTS : 0);
}

/** Quota-bound optimum (s) for `calls` GTM calls starting from an empty window (calls take no time). */
export function quotaSeconds(calls: number, quota: Quota = GTM_QUOTA): number {
  const windowMs = quota.windowS * 1000;
  return (
    quotaEtaMs(calls, {
      limit: quota.limit,
      windowMs,
      marginMs: pacerMarginMs(windowMs),
      now: 0,
      completions: [],
    }) / 1000
  );
}

export interface CallCounts {
  gtmReads: number;
  /** Including workspaceWrites. */
  gtmWrites: number;
  /** Workspace create or sync (0 or 1). */
  workspaceWrites: number;
  ga4Writes: number;
}

export function estimate(calls: CallCounts, quota: Quota = GTM_QUOTA): Estimate {
  const gtm = calls.gtmReads + calls.gtmWrites;
  return {
    ...calls,
    seconds: quotaSeconds(gtm, quota),
    publishSeconds: quotaSeconds(gtm + PUBLISH_CALLS, quota),
  };
}
