// Everything one deploy run shares: connection, clients, one budget, and the GTM pacer (so the plan's
// reads and the apply's writes count against the same quota window).
import { type ConnectOptions, connect } from "../google/auth.js";
import { Budget } from "../google/budget.js";
import { ApiCaller } from "../google/caller.js";
import {
  type AnalyticsAdmin,
  type AnalyticsAdminAlpha,
  analyticsAdmin,
  analyticsAdminAlpha,
  type TagManager,
  tagManager,
} from "../google/clients.js";
import { realClock } from "../google/clock.js";
import { Pacer } from "../google/pacer.js";
import { endpointGtmWindow, memoryNeedsWindow, openQuotaMemory } from "../google/quota-memory.js";
import type { RetryPolicy } from "../google/retry.js";
import { pacerMarginMs, quotaEtaMs } from "../plan/quota-eta.js";

export interface SessionOptions extends ConnectOptions {
  /** GTM calls per window (25 unless the project's quota was raised). */
  quota?: number;
  /** Divides every wait (quota window, backoff, Retry-After): matches an emulator's timeScale. */
  timeScale?: number;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  /**
   * File remembering this project's recent GTM calls across processes (quota-memory.ts); false for
   * none. Default: MICROGOALS_QUOTA_FILE, else the user cache for Google, the temp folder for an
   * endpoint that names its quota window (the emulator), none for another endpoint.
   */
  quotaMemory?: string | false;
}

export interface Session {
  gtm: TagManager;
  admin: AnalyticsAdmin;
  /** Admin API v1alpha, for audiences. */
  adminAlpha: AnalyticsAdminAlpha;
  gtmCaller: ApiCaller;
  ga4Caller: ApiCaller;
  budget: Budget;
  /** GTM calls per window; windowS in the clock's seconds (divided by the time scale). */
  quota: { limit: number; windowS: number };
  /** Quota-bound lower bound (real ms) for `gtmCalls` more GTM calls from the window as it is now. */
  etaMs(gtmCalls: number): number;
  /** The same session (budget, quota window) with calls stopping when `signal` aborts. */
  withSignal(signal: AbortSignal): Session;
}

export const GTM_WINDOW_MS = 100_000;

export async function openSession(options: SessionOptions): Promise<Session> {
  const conn = await connect(options);
  const endpoint = options.endpoint ?? process.env.MICROGOALS_ENDPOINT;
  // The window the endpoint names, asked once: with no time scale given, an emulator's says how
  // long it is, so one started with --time-scale 100 is not paced 100 times too slowly (a new
  // user's apply took 101 s, not 1); the quota memory goes by its epoch.
  const asks = options.timeScale === undefined || memoryNeedsWindow(options.quotaMemory, endpoint);
  const named = endpoint && asks ? await endpointGtmWindow(endpoint) : undefined;
  const scale = options.timeScale ?? (named ? GTM_WINDOW_MS / named.windowMs : 1);
  const limit = options.quota ?? 25;
  const budget = new Budget();
  const retry = { ...options.retry, timeScale: scale };
  const windowMs = GTM_WINDOW_MS / scale;
  // An endpoint's window is remembered only when it names it (the emulator does: a `plan` then an
  // `apply` against it would otherwise meet the plan's calls as a refusal).
  const memory = openQuotaMemory(options.quotaMemory, endpoint, windowMs, named);
  const pacer = new Pacer({ limit, windowMs, marginMs: pacerMarginMs(windowMs) }, realClock, memory);
  const gtm = tagManager(conn);
  const admin = analyticsAdmin(conn);
  const adminAlpha = analyticsAdminAlpha(conn);
  const make = (signal: AbortSignal | undefined): Session => ({
    gtm,
    admin,
    adminAlpha,
    gtmCaller: new ApiCaller({ budget, pacer, retry, signal }),
    ga4Caller: new ApiCaller({ budget, retry, signal }),
    budget,
    quota: { limit, windowS: windowMs / 1000 },
    etaMs: (calls) => quotaEtaMs(calls, pacer.window()),
    withSignal: make,
  });
  return make(options.signal);
}
