// Official client construction. retry: false because ApiCaller does the retrying (with pacing and
// lost-response recovery); rootUrl points every client at the emulator when --endpoint is set.
import { analyticsadmin_v1alpha, analyticsadmin_v1beta } from "@googleapis/analyticsadmin";
import { tagmanager_v2 } from "@googleapis/tagmanager";
import type { Connection } from "./auth.js";

export type TagManager = tagmanager_v2.Tagmanager;
export type AnalyticsAdmin = analyticsadmin_v1beta.Analyticsadmin;
/** Audiences exist only in the Admin API's v1alpha. */
export type AnalyticsAdminAlpha = analyticsadmin_v1alpha.Analyticsadmin;

export function tagManager(conn: Connection): TagManager {
  return new tagmanager_v2.Tagmanager({ rootUrl: conn.rootUrl, auth: asAuth(conn), retry: false });
}

export function analyticsAdmin(conn: Connection): AnalyticsAdmin {
  return new analyticsadmin_v1beta.Analyticsadmin({
    rootUrl: conn.rootUrl,
    auth: asAuth(conn) as never,
    retry: false,
  });
}

export function analyticsAdminAlpha(conn: Connection): AnalyticsAdminAlpha {
  return new analyticsadmin_v1alpha.Analyticsadmin({
    rootUrl: conn.rootUrl,
    auth: asAuth(conn) as never,
    retry: false,
  });
}

// googleapis-common pins its own google-auth-library copy; the instances are compatible at runtime.
function asAuth(conn: Connection): tagmanager_v2.Options["auth"] {
  return conn.auth as unknown as tagmanager_v2.Options["auth"];
}
