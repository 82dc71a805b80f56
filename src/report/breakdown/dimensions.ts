// The dimensions a report can be broken down by (`report --by`), their scopes, and the names GA4
// gives them. Pure data: sources turn a dimension into SQL or a Data API dimension name.
import { UsageError } from "../../errors.js";

export const DIMENSIONS = [
  "channel",
  "source",
  "medium",
  "campaign",
  "device",
  "country",
  "landing_page",
  "new_vs_returning",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * first_visit: a user belongs to the segment of their first event in the range (GA4's firstUser*
 * dimensions; the export's traffic_source.*, device and geo of that event). session: every session
 * is its own segment member, so a user with sessions from two channels counts in both.
 */
export const SCOPES = ["first_visit", "session"] as const;
export type Scope = (typeof SCOPES)[number];

export interface BreakdownRequest {
  /** one or two dimensions; two make segments of value pairs */
  dimensions: Dimension[];
  scope: Scope;
}

/** GA4 Data API names (developers.google.com/analytics/devguides/reporting/data/v1/api-schema). */
export const GA4_NAMES: Record<Scope, Record<Dimension, string>> = {
  first_visit: {
    channel: "firstUserDefaultChannelGroup",
    source: "firstUserSource",
    medium: "firstUserMedium",
    campaign: "firstUserCampaignName",
    device: "deviceCategory",
    country: "country",
    landing_page: "landingPage",
    new_vs_returning: "newVsReturning",
  },
  session: {
    channel: "sessionDefaultChannelGroup",
    source: "sessionSource",
    medium: "sessionMedium",
    campaign: "sessionCampaignName",
    device: "deviceCategory",
    country: "country",
    landing_page: "landingPage",
    new_vs_returning: "newVsReturning",
  },
};

export const SCOPE_LABEL: Record<Scope, string> = {
  first_visit: "users by their first visit in the range",
  session: "sessions (a user counts in every segment they had a session in)",
};

/** `--by` and `--by-scope` flag values → a request (undefined when --by is absent). */
export function breakdownFromFlags(by: string[], scopes: string[]): BreakdownRequest | undefined {
  if (by.length === 0) {
    if (scopes.length > 0)
      throw new UsageError("--by-scope needs --by", "e.g. --by channel --by-scope session");
    return undefined;
  }
  const unknown = by.find((d) => !(DIMENSIONS as readonly string[]).includes(normalName(d)));
  if (unknown !== undefined)
    throw new UsageError(`unknown --by ${unknown}`, `use one of: ${DIMENSIONS.join(", ")}`);
  const dimensions = [...new Set(by.map(normalName))] as Dimension[];
  if (dimensions.length > 2) throw new UsageError("--by takes at most two dimensions");
  const named = [...new Set(scopes.map(normalName))];
  const badScope = named.find((s) => !(SCOPES as readonly string[]).includes(s));
  if (badScope !== undefined)
    throw new UsageError(`unknown --by-scope ${badScope}`, `use one of: ${SCOPES.join(", ")}`);
  if (named.length > 1) throw new UsageError(`--by-scope ${named.join(" and ")}: one scope per report`);
  return { dimensions, scope: (named[0] ?? "first_visit") as Scope };
}

function normalName(s: string): string {
  return s.trim().toLowerCase().replaceAll("-", "_");
}
