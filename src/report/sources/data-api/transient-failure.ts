// Data API calls are reads: one lost to a reset connection or a 5xx is tried again, with
// exponential backoff and full jitter (google/retry.ts), before the report fails. Quota
// (429 / RESOURCE_EXHAUSTED: GA4's tokens refill by the hour), auth and bad requests fail at once,
// as does a refused connection (nothing listening: the caller's hint says so).

import { errorFacts } from "../../../google/api-error.js";
import { backoffMs, defaultRetry, type RetryPolicy } from "../../../google/retry.js";

/** Tries per call, the first included. */
export const DATA_API_ATTEMPTS = 4;
export const dataApiRetry: RetryPolicy = {
  ...defaultRetry,
  maxAttempts: DATA_API_ATTEMPTS,
  baseMs: 500,
  capMs: 8000,
};

// HTTP statuses through the REST transport; gRPC codes (INTERNAL, UNAVAILABLE, DEADLINE_EXCEEDED)
// through the default one.
const TRANSIENT_HTTP = new Set([500, 502, 503, 504]);
const TRANSIENT_GRPC = new Set([13, 14, 4]);

export function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === "ECONNREFUSED") return false;
  if (typeof code === "number") return code >= 100 ? TRANSIENT_HTTP.has(code) : TRANSIENT_GRPC.has(code);
  const facts = errorFacts(err);
  return facts.network && !facts.refused;
}

/** How long to wait before try `attempt` + 1. */
export function retryDelayMs(err: unknown, attempt: number, policy: RetryPolicy = dataApiRetry): number {
  return backoffMs(policy, attempt, errorFacts(err));
}
