// Reads the GA4 property's audiences (Admin API v1alpha, one list call plus paging). Archived
// audiences are not listed by GA4, so they are never seen again.
import type { ApiCaller } from "../../google/caller.js";
import type { AnalyticsAdminAlpha } from "../../google/clients.js";
import { listAll } from "../../google/paging.js";
import type { LiveAudience } from "../../plan/live-state.js";

export async function readLiveAudiences(
  caller: ApiCaller,
  admin: AnalyticsAdminAlpha,
  propertyId: string,
): Promise<LiveAudience[]> {
  const parent = `properties/${propertyId}`;
  const all = await listAll(caller, "audiences.list", async (pageToken) => {
    const r = await admin.properties.audiences.list({ parent, pageToken, pageSize: 200 });
    return { items: r.data.audiences, next: r.data.nextPageToken };
  });
  return all
    .map(
      (a): LiveAudience => ({
        name: a.name!,
        displayName: a.displayName ?? "",
        description: a.description ?? "",
        membershipDurationDays: Number(a.membershipDurationDays ?? 0),
        ...(a.exclusionDurationMode ? { exclusionDurationMode: a.exclusionDurationMode } : {}),
        filterClauses: (a.filterClauses ?? []) as Record<string, unknown>[],
      }),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}
