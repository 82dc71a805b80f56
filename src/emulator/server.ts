// The emulator's HTTP server (node:http, 127.0.0.1). Per request: count it, charge its quota, maybe
// inject a fault, run the route, render Google's error body on failure. Control routes under
// /__emulator/ are neither counted, charged nor faulted.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { adminRoutes } from "./admin/routes.js";
import { controlRoutes } from "./control/control-routes.js";
import type { EventStore as EventStoreType } from "./data/event-store.js";
import { EventStore } from "./data/event-store.js";
import { measurementProtocolRoutes } from "./data/measurement-protocol.js";
import { type DataApiOptions, dataApiRoutes } from "./data/routes.js";
import type { FaultConfig } from "./faults/fault-config.js";
import { FaultInjector } from "./faults/fault-injector.js";
import { gtmRoutes } from "./gtm/routes.js";
import { templateOf } from "./http/path-pattern.js";
import { readBody } from "./http/read-body.js";
import { ApiError, type EmulatorResponse, googleErrorBody, type Route } from "./http/route.js";
import { matchRoute } from "./http/router.js";
import { type GtmQuota, QuotaPolicy } from "./quota/quota-policy.js";
import { RequestCounts, type RequestCountsSnapshot } from "./request-counts.js";
import type { EmulatorState } from "./state.js";
import { loadStateFile, StateWriter } from "./state-file.js";
import { World } from "./world.js";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seeds fault injection (default 1). */
  seed?: number;
  /** Load state from this JSON file at start (if it exists) and persist every change to it. */
  stateFile?: string;
  /** Quota windows are divided by this (100 → GTM's 100 s window lasts 1 s). Default 1. */
  timeScale?: number;
  /** GTM quota; false disables it. Default {perWindow: 25, windowMs: 100_000, perDay: 10_000}. */
  gtmQuota?: Partial<GtmQuota> | false;
  /** GA4 Admin requests per minute; false disables. Default 1,200. */
  adminQuotaPerMinute?: number | false;
  faults?: FaultConfig;
  /** Data API: rows with fewer users are withheld and flagged subjectToThresholding. */
  thresholdUsers?: number;
  /** Data API: count users and sessions exactly instead of with GA4's HLL++ sketches. */
  exactCounts?: boolean;
  /** Further Data API options (sampling simulation, fixed "now", limits). */
  data?: Omit<DataApiOptions, "thresholdUsers" | "timeScale" | "isKeyEvent">;
  keyEventLimit?: number;
  customDimensionLimit?: number;
  /** GTM list page size. Default 20. */
  pageSize?: number;
  /** Create GTM accounts and containers a request names (see WorldOptions). Default false: 404 like Google. */
  createOnFirstUse?: boolean;
  /** Workspaces per GTM container. Default 3. */
  workspaceLimit?: number;
  /** Key events a new GA4 property starts with. Default ["purchase"]. */
  defaultKeyEvents?: string[];
  /** Measurement Protocol: measurement id → property id, beside the example project's two streams. */
  measurementIds?: Record<string, string>;
  /** Told once per measurement id the Measurement Protocol receives that is no stream here. */
  onUnknownStream?: (measurementId: string) => void;
}

export interface Emulator {
  /** e.g. "http://127.0.0.1:40123" (no trailing slash). */
  url: string;
  port: number;
  /** Live state (replaced on reset; read it, don't hold it). */
  readonly state: EmulatorState;
  world: World;
  events: EventStoreType;
  faults: FaultInjector;
  quota: QuotaPolicy;
  requestCounts(): RequestCountsSnapshot;
  resetRequestCounts(): void;
  /** Waits for any pending state-file write. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_MEASUREMENT_IDS: Record<string, string> = {
  "G-EXAMPLE001": "400000001",
  "G-EXAMPLE002": "400000002",
};
const DEFAULT_GTM_QUOTA: GtmQuota = { perWindow: 25, windowMs: 100_000, perDay: 10_000 };

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const timeScale = options.timeScale ?? 1;
  const world = new World(
    {
      pageSize: options.pageSize ?? 20,
      workspaceLimit: options.workspaceLimit ?? 3,
      createOnFirstUse: options.createOnFirstUse ?? false,
      keyEventLimit: options.keyEventLimit ?? 30,
      customDimensionLimit: options.customDimensionLimit ?? 50,
      defaultKeyEvents: options.defaultKeyEvents ?? ["purchase"],
    },
    options.stateFile ? loadStateFile(options.stateFile) : undefined,
  );
  const writer = options.stateFile ? new StateWriter(options.stateFile, () => world.state) : undefined;
  if (writer) world.onChange = () => writer.schedule();

  const unlimited = { perWindow: Number.POSITIVE_INFINITY, windowMs: 1, perDay: Number.POSITIVE_INFINITY };
  const quota = new QuotaPolicy({
    gtm: options.gtmQuota === false ? unlimited : { ...DEFAULT_GTM_QUOTA, ...options.gtmQuota },
    adminPerMinute:
      options.adminQuotaPerMinute === false
        ? Number.POSITIVE_INFINITY
        : (options.adminQuotaPerMinute ?? 1200),
    timeScale,
  });
  const faults = new FaultInjector(options.seed ?? 1, options.faults);
  const counts = new RequestCounts();
  const events = new EventStore();
  const measurementIds = { ...DEFAULT_MEASUREMENT_IDS, ...options.measurementIds };
  const unknownStreams = new Set<string>();
  // Like GA4, the hit is accepted either way; it just belongs to no property the Data API serves.
  const propertyFor = (id: string) => {
    const property = measurementIds[id];
    if (property === undefined && !unknownStreams.has(id)) {
      unknownStreams.add(id);
      options.onUnknownStream?.(id);
    }
    return property ?? id;
  };

  const routes: Route[] = [
    ...controlRoutes({ world, counts, faults, quota }),
    ...gtmRoutes(world),
    ...adminRoutes(world),
    ...dataApiRoutes(events, {
      ...options.data,
      thresholdUsers: options.thresholdUsers,
      exactCounts: options.exactCounts ?? options.data?.exactCounts,
      timeScale,
      isKeyEvent: (propertyId, eventName) =>
        world.state.ga4.properties
          .find((p) => p.propertyId === propertyId)
          ?.keyEvents.some((k) => k.eventName === eventName) ?? false,
    }),
    ...measurementProtocolRoutes(events, { propertyFor }),
  ];

  const server = createServer((req, res) => {
    void serve(req, res).catch(() => res.destroy());
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = safeDecode(url.pathname);
    const method = req.method ?? "GET";
    const match = matchRoute(routes, method, path);
    const api = match?.route.api ?? "unmatched";
    if (api !== "control")
      counts.record(api, match ? `${method} ${templateOf(match.route.pattern)}` : "unmatched");
    let response: EmulatorResponse;
    try {
      const body = await readBody(req);
      if (!match)
        throw new ApiError(
          404,
          "NOT_FOUND",
          `The requested URL ${method} ${path} was not found.`,
          "notFound",
        );
      const { route, params } = match;
      if (route.api !== "control") quota.charge(route.api, Date.now());
      const fault = route.api === "control" ? { delayMs: 0 } : faults.decide(method, path, route.write);
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      if (fault.kind === "drop") return void req.socket.destroy();
      if (fault.kind === "http429")
        throw new ApiError(
          429,
          "RESOURCE_EXHAUSTED",
          "Resource has been exhausted (e.g. check quota).",
          "rateLimitExceeded",
        );
      if (fault.kind === "http500")
        throw new ApiError(500, "INTERNAL", "Internal error encountered.", "backendError");
      if (fault.kind === "http503")
        throw new ApiError(503, "UNAVAILABLE", "The service is currently unavailable.", "backendError");
      response = await route.handle(
        { method, path, query: url.searchParams, body, headers: req.headers },
        params,
      );
      if (fault.kind === "lost") return void req.socket.destroy();
    } catch (err) {
      response = errorResponse(err);
    }
    send(res, response);
  }

  // Google's front ends keep an idle connection open for minutes. Node's 5 s default closed
  // sockets the clients were about to reuse on a busy machine: ECONNRESET no Google API gives.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    get state() {
      return world.state;
    },
    world,
    events,
    faults,
    quota,
    requestCounts: () => counts.snapshot(),
    resetRequestCounts: () => counts.reset(),
    flush: async () => {
      await writer?.flush();
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await writer?.flush();
    },
  };
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function errorResponse(err: unknown): EmulatorResponse {
  if (err instanceof ApiError) return { status: err.code, body: googleErrorBody(err), headers: err.headers };
  const message = err instanceof Error ? err.message : String(err);
  const internal = new ApiError(500, "INTERNAL", `Internal error encountered: ${message}`, "internalError");
  return { status: 500, body: googleErrorBody(internal) };
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  const text = response.body === undefined ? "" : JSON.stringify(response.body);
  res.writeHead(response.status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    ...response.headers,
  });
  res.end(text);
}
