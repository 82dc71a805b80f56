// Data API token quotas per property (standard property limits), over sliding windows that a
// time scale shrinks: at timeScale 100 an "hour" lasts 36 s. Cost of a request grows with the
// events it scans: 1 token + 1 per started 100,000 events (most small requests cost 1-2).

import { ApiError } from "../http/route.js";

export interface QuotaLimits {
  tokensPerDay: number;
  tokensPerHour: number;
  tokensPerProjectPerHour: number;
  concurrentRequests: number;
  serverErrorsPerProjectPerHour: number;
  potentiallyThresholdedRequestsPerHour: number;
}

export const STANDARD_LIMITS: QuotaLimits = {
  tokensPerDay: 200_000,
  tokensPerHour: 40_000,
  tokensPerProjectPerHour: 14_000,
  concurrentRequests: 10,
  serverErrorsPerProjectPerHour: 10,
  potentiallyThresholdedRequestsPerHour: 120,
};

export function tokenCost(eventsScanned: number): number {
  return 1 + Math.ceil(eventsScanned / 100_000);
}

interface Charge {
  at: number;
  tokens: number;
  thresholded: boolean;
}

interface PropertyState {
  charges: Charge[];
  inFlight: number;
}

const HOUR_MS = 3_600_000;

export class PropertyQuotas {
  private readonly state = new Map<string, PropertyState>();

  constructor(
    private readonly limits: QuotaLimits = STANDARD_LIMITS,
    private readonly timeScale = 1,
    private readonly clock: () => number = Date.now,
  ) {}

  private of(propertyId: string): PropertyState {
    let s = this.state.get(propertyId);
    if (!s) {
      s = { charges: [], inFlight: 0 };
      this.state.set(propertyId, s);
    }
    return s;
  }

  private used(s: PropertyState, windowMs: number, what: (c: Charge) => number): number {
    const since = this.clock() - windowMs / this.timeScale;
    let sum = 0;
    for (const c of s.charges) if (c.at > since) sum += what(c);
    return sum;
  }

  /** Takes a concurrency slot or throws 429; throws 429 when a token bucket is empty. */
  acquire(propertyId: string): void {
    const s = this.of(propertyId);
    const dayAgo = this.clock() - (24 * HOUR_MS) / this.timeScale;
    s.charges = s.charges.filter((c) => c.at > dayAgo);
    if (s.inFlight >= this.limits.concurrentRequests) {
      throw exhausted("Exhausted concurrent requests quota for a property.");
    }
    const tokens = (c: Charge) => c.tokens;
    if (this.used(s, 24 * HOUR_MS, tokens) >= this.limits.tokensPerDay)
      throw exhausted("Exhausted property tokens per day for a property.");
    if (this.used(s, HOUR_MS, tokens) >= this.limits.tokensPerHour)
      throw exhausted("Exhausted property tokens per hour for a property.");
    if (this.used(s, HOUR_MS, tokens) >= this.limits.tokensPerProjectPerHour) {
      throw exhausted("Exhausted property tokens per project per hour for a property.");
    }
    s.inFlight++;
  }

  release(propertyId: string): void {
    const s = this.of(propertyId);
    s.inFlight = Math.max(0, s.inFlight - 1);
  }

  charge(propertyId: string, tokens: number, thresholded: boolean): void {
    this.of(propertyId).charges.push({ at: this.clock(), tokens, thresholded });
  }

  /** PropertyQuota message as the API returns it with returnPropertyQuota. */
  snapshot(propertyId: string, consumedNow: number, thresholdedNow: boolean): Record<string, unknown> {
    const s = this.of(propertyId);
    const l = this.limits;
    const tokens = (c: Charge) => c.tokens;
    const status = (consumed: number, limit: number, used: number) => ({
      consumed,
      remaining: Math.max(0, limit - used),
    });
    const hourTokens = this.used(s, HOUR_MS, tokens);
    const thresholdedHour = this.used(s, HOUR_MS, (c) => (c.thresholded ? 1 : 0));
    return {
      tokensPerDay: status(consumedNow, l.tokensPerDay, this.used(s, 24 * HOUR_MS, tokens)),
      tokensPerHour: status(consumedNow, l.tokensPerHour, hourTokens),
      concurrentRequests: status(0, l.concurrentRequests, s.inFlight - 1),
      serverErrorsPerProjectPerHour: status(0, l.serverErrorsPerProjectPerHour, 0),
      potentiallyThresholdedRequestsPerHour: status(
        thresholdedNow ? 1 : 0,
        l.potentiallyThresholdedRequestsPerHour,
        thresholdedHour,
      ),
      tokensPerProjectPerHour: status(consumedNow, l.tokensPerProjectPerHour, hourTokens),
    };
  }
}

function exhausted(message: string): ApiError {
  return new ApiError(429, "RESOURCE_EXHAUSTED", message, "rateLimitExceeded");
}
