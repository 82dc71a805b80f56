// Applies the plan's audiences through the Admin API v1alpha: create, patch displayName and
// description, replace (archive, then create: membership and filters are immutable), archive.
// A lost create answer is recognised by the marker key in a listed audience's description.
import { parseMarker } from "../compile/ownership.js";
import { readLiveAudiences } from "../ga4/admin/read-audiences.js";
import { ApiCallError, type ApiCaller } from "../google/caller.js";
import type { AnalyticsAdminAlpha } from "../google/clients.js";
import type { AudienceChange } from "../plan/audience-change.js";
import type { Plan } from "../plan/model.js";

export interface AudienceApplyResult {
  created: number;
  updated: number;
  archived: number;
}

export async function applyAudiences(
  caller: ApiCaller,
  admin: AnalyticsAdminAlpha,
  plan: Plan,
  progress: (step: string) => void = () => {},
): Promise<AudienceApplyResult> {
  const result: AudienceApplyResult = { created: 0, updated: 0, archived: 0 };
  const parent = `properties/${plan.ga4.propertyId}`;
  const api = admin.properties.audiences;
  const create = (c: AudienceChange) => {
    const { displayName, description, membershipDurationDays, exclusionDurationMode, filterClauses } =
      c.audience!;
    return caller.call(
      "write",
      "audiences.create",
      () =>
        api.create({
          parent,
          requestBody: {
            displayName,
            description,
            membershipDurationDays,
            exclusionDurationMode,
            filterClauses,
          },
        }),
      {
        recover: async () =>
          (await readLiveAudiences(caller, admin, plan.ga4.propertyId)).find(
            (l) =>
              parseMarker(l.description)?.key === c.key &&
              parseMarker(l.description)?.hash === c.audience!.hash,
          ) as never,
      },
    );
  };
  const archive = async (name: string) => {
    try {
      await caller.call("write", "audiences.archive", () => api.archive({ name, requestBody: {} }));
    } catch (err) {
      // already archived (a retried run): GA4 no longer finds it
      if (!(err instanceof ApiCallError && err.facts.status === 404)) throw err;
    }
  };
  for (const c of plan.ga4.audiences ?? []) {
    if (c.action === "create") {
      await create(c);
      result.created++;
      progress(`create audience ${c.displayName}`);
    } else if (c.action === "update" && c.replace) {
      // two writes, two progress steps: the plan counted both
      await archive(c.name!);
      progress(`archive audience ${c.displayName} (replaced)`);
      await create(c);
      result.updated++;
      progress(`create audience ${c.displayName} (replacement)`);
    } else if (c.action === "update") {
      const { displayName, description } = c.audience!;
      await caller.call("write", "audiences.patch", () =>
        api.patch({
          name: c.name,
          updateMask: "displayName,description",
          requestBody: { displayName, description },
        }),
      );
      result.updated++;
      progress(`update audience ${c.displayName}`);
    } else if (c.action === "delete") {
      await archive(c.name!);
      result.archived++;
      progress(`archive audience ${c.displayName}`);
    }
  }
  return result;
}
