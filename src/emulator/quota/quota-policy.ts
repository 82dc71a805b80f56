// Which quota each API's requests are charged to, and how a refusal looks. Charged per request,
// before the handler runs. GTM: 25 per sliding 100 s and 10,000 per day per project. GA4 Admin:
// 1,200 per minute, refilled each minute. Both refuse with 403 rateLimitExceeded and, like Google,
// no Retry-After header. timeScale divides every window (100 → a 100 s window lasts 1 s).
import { randomUUID } from "node:crypto";
import { ApiError, type QuotaApi } from "../http/route.js";
import { FixedWindow } from "./fixed-window.js";
import { SlidingWindow } from "./sliding-window.js";

export interface GtmQuota {
  perWindow: number;
  windowMs: number;
  perDay: number;
}

/** GET /__emulator/quota: the GTM window's identity and time-scaled length. */
export interface GtmWindowInfo {
  epoch: string;
  windowMs: number;
  perWindow: number;
}

export interface QuotaOptions {
  gtm: GtmQuota;
  adminPerMinute: number;
  timeScale: number;
}

const DAY_MS = 86_400_000;

export class QuotaPolicy {
  private gtmWindow!: SlidingWindow;
  private gtmDay!: FixedWindow;
  private adminMinute!: FixedWindow;
  private epoch = "";

  constructor(private readonly options: QuotaOptions) {
    this.reset();
  }

  reset(): void {
    const { gtm, adminPerMinute, timeScale } = this.options;
    this.gtmWindow = new SlidingWindow(gtm.perWindow, gtm.windowMs / timeScale);
    this.gtmDay = new FixedWindow(gtm.perDay, DAY_MS / timeScale);
    this.adminMinute = new FixedWindow(adminPerMinute, 60_000 / timeScale);
    this.epoch = randomUUID();
  }

  /**
   * The GTM window as a client remembering its calls across processes needs it
   * (google/quota-memory.ts): which one this is (new when the emulator starts and on every reset,
   * so nobody waits for calls no longer counted) and how long it lasts; null when there is none.
   */
  gtmWindowInfo(): GtmWindowInfo | null {
    const { gtm, timeScale } = this.options;
    if (!Number.isFinite(gtm.perWindow)) return null;
    return { epoch: this.epoch, windowMs: gtm.windowMs / timeScale, perWindow: gtm.perWindow };
  }

  /** Throws the ApiError Google answers with when `api` has no quota left at `now`. */
  charge(api: QuotaApi, now: number): void {
    if (api === "gtm") {
      if (!this.gtmDay.tryTake(now)) {
        throw quotaError("Queries per day", "tagmanager.googleapis.com", "dailyLimitExceeded");
      }
      if (!this.gtmWindow.tryTake(now)) {
        throw quotaError("Queries per 100 seconds", "tagmanager.googleapis.com", "rateLimitExceeded");
      }
    } else if (api === "ga4-admin") {
      if (!this.adminMinute.tryTake(now)) {
        throw quotaError("Requests per minute", "analyticsadmin.googleapis.com", "rateLimitExceeded");
      }
    }
  }
}

function quotaError(limit: string, service: string, reason: string): ApiError {
  return new ApiError(
    403,
    "PERMISSION_DENIED",
    `Quota exceeded for quota metric 'Queries' and limit '${limit}' of service '${service}' for consumer 'project_number:000000000000'.`,
    reason,
  );
}
