// Applies the plan's GA4 part: key events (create / patch / delete, only ours: see the ledger) and
// custom dimensions (create / patch / archive, only ours: marker in the description).

import { readLiveGa4 } from "../ga4/admin/read-live.js";
import { ApiCallError, type ApiCaller } from "../google/caller.js";
import type { AnalyticsAdmin } from "../google/clients.js";
import { explainRefusal } from "../gtm/concurrent-apply.js";
import type { Ga4Change, Plan } from "../plan/model.js";

export interface Ga4ApplyResult {
  created: number;
  updated: number;
  deleted: number;
}

export async function applyGa4(
  caller: ApiCaller,
  admin: AnalyticsAdmin,
  plan: Plan,
  progress: (step: string) => void = () => {},
): Promise<Ga4ApplyResult> {
  const result: Ga4ApplyResult = { created: 0, updated: 0, deleted: 0 };
  const parent = `properties/${plan.ga4.propertyId}`;
  const opts = () => ({});
  const ke = admin.properties.keyEvents;
  const cd = admin.properties.customDimensions;
  // A lost create answer: the object exists now; recognise it by its immutable name.
  const find = async (c: Ga4Change) => {
    const live = await readLiveGa4(caller, admin, plan.ga4.propertyId);
    return c.kind === "keyEvent"
      ? live.keyEvents.find((k) => k.eventName === c.key)
      : live.customDimensions.find((d) => d.parameterName === c.key);
  };

  // A create refused as "already exists" whose object now has exactly what this run was writing.
  const madeMeanwhile = (c: Ga4Change) => async () => {
    const found = await find(c);
    if (!found) return false;
    return "description" in found ? found.description === c.customDimension?.description : true;
  };

  for (const c of plan.ga4.changes) {
    if (c.kind === "keyEvent" && c.keyEvent) {
      const { eventName, countingMethod, defaultValue } = c.keyEvent;
      if (c.action === "create") {
        await caller
          .call(
            "write",
            "keyEvents.create",
            () => ke.create({ parent, requestBody: { eventName, countingMethod, defaultValue } }, opts()),
            { recover: () => find(c) as never },
          )
          .catch(async (err: unknown) => {
            throw await explainRefusal(
              err,
              [409],
              madeMeanwhile(c),
              `key event "${c.key}" was created by another run`,
            );
          });
      } else if (c.action === "update") {
        await caller.call("write", "keyEvents.patch", () =>
          ke.patch(
            {
              name: c.name,
              updateMask: "countingMethod,defaultValue",
              requestBody: { countingMethod, defaultValue: defaultValue ?? undefined },
            },
            opts(),
          ),
        );
      }
    } else if (c.kind === "customDimension" && c.customDimension) {
      const { parameterName, displayName, scope, description } = c.customDimension;
      if (c.action === "create") {
        await caller
          .call(
            "write",
            "customDimensions.create",
            () =>
              cd.create({ parent, requestBody: { parameterName, displayName, scope, description } }, opts()),
            { recover: () => find(c) as never },
          )
          .catch(async (err: unknown) => {
            const evidence = `custom dimension "${c.key}" was created by another run`;
            throw await explainRefusal(err, [409], madeMeanwhile(c), evidence);
          });
      } else if (c.action === "update") {
        await caller.call("write", "customDimensions.patch", () =>
          cd.patch(
            {
              name: c.name,
              updateMask: "displayName,description",
              requestBody: { displayName, description },
            },
            opts(),
          ),
        );
      }
    }
    if (c.action === "delete") {
      try {
        if (c.kind === "keyEvent")
          await caller.call("write", "keyEvents.delete", () => ke.delete({ name: c.name }, opts()));
        else
          await caller.call("write", "customDimensions.archive", () =>
            cd.archive({ name: c.name, requestBody: {} }, opts()),
          );
      } catch (err) {
        if (!(err instanceof ApiCallError && (err.facts.status === 404 || err.facts.status === 400)))
          throw err;
      }
    }
    if (c.action === "create") result.created++;
    else if (c.action === "update") result.updated++;
    else if (c.action === "delete") result.deleted++;
    else continue;
    progress(
      `${c.action === "delete" && c.kind === "customDimension" ? "archive" : c.action} ${c.kind} ${c.key}`,
    );
  }
  return result;
}
