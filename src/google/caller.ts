// Every Google API call goes through here: abort check between calls, pacing, budget, retry.
import { UserError } from "../errors.js";
import {
  type ErrorFacts,
  errorFacts,
  isDailyLimit,
  isHardLimit,
  isRateLimit,
  isRetryable,
  NOTHING_LISTENING_HINT,
  redact,
} from "./api-error.js";
import type { Budget } from "./budget.js";
import { AbortedError, type Clock, realClock } from "./clock.js";
import type { Pacer } from "./pacer.js";
import { backoffMs, defaultRetry, type RetryPolicy } from "./retry.js";

/** A call that failed for good; message is safe to print (redacted). */
export class ApiCallError extends UserError {
  constructor(
    readonly method: string,
    readonly facts: ErrorFacts,
    hint?: string,
    what = `${method} failed`,
  ) {
    super(`${what}${facts.status ? ` (HTTP ${facts.status})` : ""}: ${redact(facts.message)}`, 1, hint);
    this.name = "ApiCallError";
  }
}

export interface CallerOptions {
  budget: Budget;
  pacer?: Pacer;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  signal?: AbortSignal;
}

export interface CallHooks<T> {
  /**
   * Runs before retrying a call whose request may have been applied (lost response). Returning a
   * value ends the call with it: how a retried create recognises the entity it already made.
   */
  recover?: (facts: ErrorFacts) => Promise<T | undefined>;
}

export class ApiCaller {
  readonly budget: Budget;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  /** Some call got an answer from the server (any status) in this run. */
  private answered = false;

  constructor(private readonly options: CallerOptions) {
    this.budget = options.budget;
    this.policy = { ...defaultRetry, ...options.retry };
    this.clock = options.clock ?? realClock;
  }

  async call<T>(
    kind: "read" | "write",
    method: string,
    fn: () => Promise<T>,
    hooks?: CallHooks<T>,
  ): Promise<T> {
    let failures = 0; // transient failures: 5xx, network, rate limits with no pacer to wait on
    let refusals = 0; // quota refusals waited out through the pacer
    for (;;) {
      if (this.options.signal?.aborted) throw new AbortedError();
      const pacer = this.options.pacer;
      const paced = await pacer?.begin(this.options.signal);
      if (paced) this.budget.paced(paced.waitedMs);
      this.budget.call(kind, method);
      let facts: ErrorFacts;
      try {
        const result = await fn();
        this.answered = true;
        return result;
      } catch (err) {
        facts = errorFacts(err);
        if (facts.status !== undefined) this.answered = true;
      } finally {
        paced?.end();
      }
      if (isDailyLimit(facts))
        throw new ApiCallError(
          method,
          facts,
          "It refills at midnight Pacific time; re-run then (the run continues where it stopped), or ask for a higher quota in the Cloud console.",
          `the Cloud project's daily API quota is used up (${method})`,
        );
      // Refused before anything ever answered: nothing is listening, and retrying for minutes
      // would only hide that. (Later, a refused connection is a blip worth retrying.)
      if (facts.refused && !this.answered)
        throw new ApiCallError(method, facts, NOTHING_LISTENING_HINT, `cannot connect (${method})`);
      if (isHardLimit(facts))
        throw new ApiCallError(
          method,
          facts,
          "The GA4 property is full (key events or custom dimensions): archive ones you no longer need in GA4 Admin, and set limits in microgoals.yaml to what the property allows so validate catches this first.",
        );
      if (isRateLimit(facts)) this.budget.limited();
      if (!isRetryable(facts)) throw new ApiCallError(method, facts);
      if (pacer && isRateLimit(facts)) {
        // The window is full of calls the pacer could not see (another process or machine on this
        // Cloud project). Backoff of a few seconds would be refused again until it frees: wait a
        // whole window (or what Retry-After asks), without spending the transient-error attempts.
        if (++refusals > this.policy.maxQuotaWaits)
          throw new ApiCallError(
            method,
            facts,
            `Still refused after waiting ${this.policy.maxQuotaWaits} full quota windows: something else keeps using this Cloud project's Tag Manager quota.`,
          );
        const asked =
          facts.retryAfterS === undefined ? undefined : (facts.retryAfterS * 1000) / this.policy.timeScale;
        pacer.saturate(this.clock.now(), asked);
        this.budget.retry();
        continue;
      }
      if (++failures >= this.policy.maxAttempts) throw new ApiCallError(method, facts);
      this.budget.retry();
      await this.clock.sleep(backoffMs(this.policy, failures, facts), this.options.signal);
      if (hooks?.recover && kind === "write" && !isRateLimit(facts)) {
        const found = await hooks.recover(facts);
        if (found !== undefined) return found;
      }
    }
  }
}
