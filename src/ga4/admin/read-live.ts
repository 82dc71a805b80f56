// Reads the GA4 property's key events and custom dimensions (two list calls, plus paging).
import { allInOrder } from "../../google/all-in-order.js";
import type { ApiCaller } from "../../google/caller.js";
import type { AnalyticsAdmin } from "../../google/clients.js";
import { listAll } from "../../google/paging.js";
import type { LiveGa4 } from "../../plan/live-state.js";

export async function readLiveGa4(
  caller: ApiCaller,
  admin: AnalyticsAdmin,
  propertyId: string,
): Promise<LiveGa4> {
  const parent = `properties/${propertyId}`;
  const opts = {};
  const [keyEvents, dims] = await allInOrder([
    listAll(caller, "keyEvents.list", async (pageToken) => {
      const r = await admin.properties.keyEvents.list({ parent, pageToken, pageSize: 200 }, opts);
      return { items: r.data.keyEvents, next: r.data.nextPageToken };
    }),
    listAll(caller, "customDimensions.list", async (pageToken) => {
      const r = await admin.properties.customDimensions.list({ parent, pageToken, pageSize: 200 }, opts);
      return { items: r.data.customDimensions, next: r.data.nextPageToken };
    }),
  ]);
  return {
    keyEvents: keyEvents
      .map((k) => ({
        name: k.name!,
        eventName: k.eventName!,
        countingMethod: k.countingMethod ?? undefined,
        defaultValue:
          k.defaultValue?.numericValue != null
            ? {
                numericValue: Number(k.defaultValue.numericValue),
                currencyCode: k.defaultValue.currencyCode ?? undefined,
              }
            : undefined,
      }))
      .sort((a, b) => a.eventName.localeCompare(b.eventName)),
    customDimensions: dims
      .map((c) => ({
        name: c.name!,
        parameterName: c.parameterName!,
        displayName: c.displayName ?? "",
        description: c.description ?? undefined,
        scope: c.scope ?? "EVENT",
      }))
      .sort((a, b) => a.parameterName.localeCompare(b.parameterName)),
  };
}
