// Emulator Data API figures: synthetic events generated + ingested per second (1M events), then
// runReport / runFunnelReport latency and memory over them (handlers called directly, no HTTP).

import { fileURLToPath } from "node:url";
import { EventStore } from "../src/emulator/data/event-store.js";
import { dataApiRoutes } from "../src/emulator/data/routes.js";
import type { EmulatorRequest } from "../src/emulator/http/route.js";
import { loadTraffic } from "../src/emulator/traffic/load-traffic.js";
import { loadProject } from "../src/project/load.js";

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export async function run(): Promise<void> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const { project } = await loadProject(root);
  if (!project) throw new Error("example project did not load");
  const property = "400000001";
  const store = new EventStore();
  global.gc?.();
  const before = process.memoryUsage();
  let t = performance.now();
  // ~8 events per user: grow users until 1M events.
  let users = 0;
  while (store.count < 1_000_000) {
    loadTraffic(store, property, project, {
      seed: 1 + users,
      startDate: "2025-01-01",
      days: 28,
      users: 20_000,
    });
    users += 20_000;
  }
  const genMs = performance.now() - t;
  const after = process.memoryUsage();
  console.log(
    `generate+ingest ${store.count} events (${users} users): ${genMs.toFixed(0)} ms, ${Math.round(store.count / (genMs / 1000))} events/s, ` +
      `heap +${mb(after.heapUsed - before.heapUsed)}, rss +${mb(after.rss - before.rss)}`,
  );

  const options = {
    now: new Date("2025-02-01T00:00:00Z"),
    isKeyEvent: (_p: string, n: string) => n === "purchase",
  };
  // Users and sessions counted like GA4 (HLL++ sketches, the default) and exactly, for comparison.
  const sketched = dataApiRoutes(store, options);
  const exact = dataApiRoutes(store, { ...options, exactCounts: true });
  let routes = sketched;
  const call = async (suffix: string, body: unknown) => {
    const route = routes.find(
      (r) =>
        r.pattern.test(`/v1beta/properties/${property}:${suffix}`) ||
        r.pattern.test(`/v1alpha/properties/${property}:${suffix}`),
    );
    if (!route) throw new Error(suffix);
    const req: EmulatorRequest = {
      method: "POST",
      path: "",
      query: new URLSearchParams(),
      body,
      headers: {},
    };
    return route.handle(req, { property });
  };
  const time = async (label: string, suffix: string, body: unknown) => {
    const m0 = process.memoryUsage();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      await call(suffix, body);
      times.push(performance.now() - t);
    }
    const m1 = process.memoryUsage();
    times.sort((a, b) => a - b);
    console.log(
      `${label}: median ${times[1]?.toFixed(0)} ms (first ${times[0]?.toFixed(0)}..${times[2]?.toFixed(0)} ms), heap ${mb(m1.heapUsed - m0.heapUsed)} delta, rss ${mb(m1.rss)}`,
    );
  };
  const january = [{ startDate: "2025-01-01", endDate: "2025-01-31" }];
  await time("runReport eventName x 5 metrics on 1M events", "runReport", {
    dimensions: [{ name: "eventName" }],
    metrics: ["eventCount", "totalUsers", "sessions", "keyEvents", "activeUsers"].map((name) => ({ name })),
    dateRanges: january,
  });
  routes = exact;
  await time("  the same with exactCounts", "runReport", {
    dimensions: [{ name: "eventName" }],
    metrics: ["eventCount", "totalUsers", "sessions", "keyEvents", "activeUsers"].map((name) => ({ name })),
    dateRanges: january,
  });
  routes = sketched;
  await time("runReport date x pagePath, filtered, on 1M events", "runReport", {
    dimensions: [{ name: "date" }, { name: "pagePath" }],
    metrics: [{ name: "totalUsers" }],
    dateRanges: january,
    dimensionFilter: {
      filter: { fieldName: "eventName", stringFilter: { matchType: "EXACT", value: "page_view" } },
    },
  });
  const micro = project.goals.find((g) => g.kind === "micro");
  const macro = project.goals.find((g) => g.kind === "macro");
  await time("runFunnelReport 3 steps + breakdown on 1M events", "runFunnelReport", {
    dateRanges: january,
    funnel: {
      steps: [
        { name: "Landing", filterExpression: { funnelEventFilter: { eventName: "session_start" } } },
        { name: "Micro", filterExpression: { funnelEventFilter: { eventName: micro?.event } } },
        {
          name: "Macro",
          withinDurationFromPriorStep: "604800s",
          filterExpression: { funnelEventFilter: { eventName: macro?.event } },
        },
      ],
    },
    funnelBreakdown: { breakdownDimension: { name: "sessionSource" } },
  });
}
