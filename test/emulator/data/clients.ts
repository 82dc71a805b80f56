// The official Data API clients in REST fallback mode, pointed at a local port.
// (as never: gax pins its own google-auth-library version, whose types differ nominally.)

import data from "@google-analytics/data";
import { PassThroughClient } from "google-auth-library";
import { afterAll, beforeAll } from "vitest";
import type { EventStore } from "../../../src/emulator/data/event-store.js";
import { dataApiRoutes } from "../../../src/emulator/data/routes.js";
import { type RouteServer, serveRoutes } from "./route-server.js";

export function betaClient(port: number) {
  return new data.BetaAnalyticsDataClient({
    fallback: true,
    apiEndpoint: "127.0.0.1",
    port,
    protocol: "http",
    authClient: new PassThroughClient() as never,
  });
}

export function alphaClient(port: number) {
  return new data.v1alpha.AlphaAnalyticsDataClient({
    fallback: true,
    apiEndpoint: "127.0.0.1",
    port,
    protocol: "http",
    authClient: new PassThroughClient() as never,
  });
}

/**
 * Serves `store`'s Data API (exact counts, clock at 2025-02-01) for the enclosing file's tests, with
 * both clients connected: `beta` and `alpha` are set in beforeAll and closed in afterAll.
 */
export function exactDataApiOn(store: EventStore): {
  beta: ReturnType<typeof betaClient>;
  alpha: ReturnType<typeof alphaClient>;
} {
  const api = {} as { beta: ReturnType<typeof betaClient>; alpha: ReturnType<typeof alphaClient> };
  let server: RouteServer;
  beforeAll(async () => {
    server = await serveRoutes(
      dataApiRoutes(store, {
        now: new Date("2025-02-01T00:00:00Z"),
        isKeyEvent: () => false,
        exactCounts: true,
      }),
    );
    api.beta = betaClient(server.port);
    api.alpha = alphaClient(server.port);
  });
  afterAll(async () => {
    await api.beta.close();
    await api.alpha.close();
    await server.close();
  });
  return api;
}
