// Our own retry (clients are built with retry: false): exponential backoff with full jitter,
// honouring Retry-After, for 429 / 403 rate limits, 5xx and network errors.
import { type ErrorFacts, errorFacts, isRateLimit, isRetryable } from "./api-error.js";

export interface RetryPolicy {
  /** Attempts for transient failures (5xx, network, rate limits of calls without a pacer). */
  maxAttempts: number;
  /** Full quota windows a paced call waits out after refusals before giving up (GTM: 100 s each). */
  maxQuotaWaits: number;
  baseMs: number;
  capMs: number;
  /** Divides every wait (server Retry-After included): emulator runs scale time the same way. */
  timeScale: number;
  /** Random source in [0,1); injectable so tests are deterministic. */
  random: () => number;
}

export const defaultRetry: RetryPolicy = {
  maxAttempts: 8,
  maxQuotaWaits: 10,
  baseMs: 1000,
  capMs: 64_000,
  timeScale: 1,
  random: Math.random,
};

/** Wait before attempt `attempt` (1 = first retry). */
export function backoffMs(policy: RetryPolicy, attempt: number, facts: ErrorFacts): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = policy.random() * ceiling; // full jitter
  const asked = facts.retryAfterS !== undefined ? facts.retryAfterS * 1000 : 0;
  return Math.max(jittered, asked) / policy.timeScale;
}

export { errorFacts, isRateLimit, isRetryable };
