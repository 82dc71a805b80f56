// HTTP routes of the GA4 Data API (v1beta runReport / batchRunReports, v1alpha runFunnelReport)
// over the event store, with per-property token quotas and the concurrent-request limit.

import { ApiError, type EmulatorRequest, type EmulatorResponse, type Route } from "../http/route.js";
import { exactCounter, sketchCounter } from "./distinct-count.js";
import { wantsIntEnums } from "./enums.js";
import type { EventStore } from "./event-store.js";
import { runFunnelReport } from "./funnel-report.js";
import { PropertyQuotas, type QuotaLimits, STANDARD_LIMITS, tokenCost } from "./property-quota.js";
import { type ReportSettings, runReport } from "./report.js";

export interface DataApiOptions {
  /** rows with fewer users than this are withheld and flagged subjectToThresholding */
  thresholdUsers?: number;
  /** quota windows run this many times faster than real time */
  timeScale?: number;
  /** add samplingMetadatas to every response (values stay exact) */
  simulateSampling?: boolean;
  /** "now" for today / yesterday / NdaysAgo; default: the real current date */
  now?: Date;
  /** clock for quota windows (ms); default Date.now */
  clock?: () => number;
  /** which events count as key events (the server wires this to the Admin API state) */
  isKeyEvent?(propertyId: string, eventName: string): boolean;
  /** distinct rows before the rest becomes "(other)"; default 50,000 */
  cardinalityCap?: number;
  /** simulated processing time per request in ms (holds a concurrency slot meanwhile) */
  latencyMs?: number;
  limits?: Partial<QuotaLimits>;
  timeZone?: string;
  currencyCode?: string;
  /**
   * Count users and sessions exactly instead of GA4's HyperLogLog++ estimates (for tests that
   * compare with brute force). Default false: count like GA4.
   */
  exactCounts?: boolean;
}

const MAX_BATCH = 5;

export function dataApiRoutes(store: EventStore, options: DataApiOptions = {}): Route[] {
  const quotas = new PropertyQuotas(
    { ...STANDARD_LIMITS, ...options.limits },
    options.timeScale ?? 1,
    options.clock,
  );
  const distinct = options.exactCounts ? exactCounter : sketchCounter(store);
  const settings = (req: EmulatorRequest): ReportSettings => ({
    isKeyEvent: options.isKeyEvent ?? (() => false),
    thresholdUsers: options.thresholdUsers,
    simulateSampling: options.simulateSampling ?? false,
    cardinalityCap: options.cardinalityCap ?? 50_000,
    now: options.now ?? new Date(),
    timeZone: options.timeZone ?? "Etc/UTC",
    currencyCode: options.currencyCode ?? "USD",
    intEnums: wantsIntEnums(req.query),
    distinct,
  });

  /** Runs `work` holding a concurrency slot, charges its tokens, attaches propertyQuota when asked. */
  async function metered(
    property: string,
    wantQuota: boolean,
    work: () => { bodies: Record<string, unknown>[]; scanned: number; thresholded: boolean },
  ): Promise<Record<string, unknown>[]> {
    quotas.acquire(property);
    try {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      const out = work();
      const cost = tokenCost(out.scanned);
      quotas.charge(property, cost, out.thresholded);
      if (wantQuota) {
        const snapshot = quotas.snapshot(property, cost, out.thresholded);
        for (const b of out.bodies) b.propertyQuota = snapshot;
      }
      return out.bodies;
    } finally {
      quotas.release(property);
    }
  }

  const ok = (body: unknown): EmulatorResponse => ({ status: 200, body });
  const bodyOf = (req: EmulatorRequest) => (req.body ?? {}) as Record<string, unknown>;

  /** A route serving one report per request (runReport, runFunnelReport): the body is the request. */
  const singleReport = (
    pattern: RegExp,
    run: (
      property: string,
      body: Record<string, unknown>,
      req: EmulatorRequest,
    ) => { response: Record<string, unknown>; scanned: number; thresholded?: boolean },
  ): Route => ({
    method: "POST",
    pattern,
    api: "ga4-data",
    write: false,
    async handle(req, params) {
      const p = params.property as string;
      const body = bodyOf(req);
      const [res] = await metered(p, body.returnPropertyQuota === true, () => {
        const o = run(p, body, req);
        return { bodies: [o.response], scanned: o.scanned, thresholded: o.thresholded ?? false };
      });
      return ok(res);
    },
  });

  return [
    singleReport(/^\/v1beta\/properties\/(?<property>[^/:]+):runReport$/, (p, body, req) =>
      runReport(store, p, body, settings(req)),
    ),
    {
      method: "POST",
      pattern: /^\/v1beta\/properties\/(?<property>[^/:]+):batchRunReports$/,
      api: "ga4-data",
      write: false,
      async handle(req, params) {
        const p = params.property as string;
        const requests = (bodyOf(req).requests ?? []) as Record<string, unknown>[];
        if (!Array.isArray(requests) || requests.length === 0) {
          throw new ApiError(400, "INVALID_ARGUMENT", "requests: at least one request is required.");
        }
        if (requests.length > MAX_BATCH) {
          throw new ApiError(
            400,
            "INVALID_ARGUMENT",
            `requests: a batch may contain at most ${MAX_BATCH} requests.`,
          );
        }
        for (const [i, r] of requests.entries()) {
          if (r.property && r.property !== `properties/${p}`) {
            throw new ApiError(
              400,
              "INVALID_ARGUMENT",
              `requests[${i}].property must be empty or properties/${p}.`,
            );
          }
        }
        const wantQuota = requests.some((r) => r.returnPropertyQuota === true);
        const reports = await metered(p, wantQuota, () => {
          const outs = requests.map((r) => runReport(store, p, r, settings(req)));
          return {
            bodies: outs.map((o) => o.response),
            scanned: outs.reduce((n, o) => n + o.scanned, 0),
            thresholded: outs.some((o) => o.thresholded),
          };
        });
        return ok({ reports, kind: "analyticsData#batchRunReports" });
      },
    },
    singleReport(/^\/v1alpha\/properties\/(?<property>[^/:]+):runFunnelReport$/, (p, body, req) =>
      runFunnelReport(store, p, body, settings(req)),
    ),
  ];
}
