// Every Google API call goes through here: abort check between calls, pacing, budget, retry.
import { UserError } from "../cli/failure.js";
import { type ErrorFacts, errorFacts, isRateLimit, isRetryable, redact } from "./api-error.js";
import type { Budget } from "./budget.js";
import { AbortedError, type Clock, realClock } from "./clock.js";
import type { Pacer } from "./pacer.js";
import { backoffMs, defaultRetry, type RetryPolicy } from "./retry.js";

/** A call that failed for good; message is safe to print (redacted). */
export class ApiCallError extends UserError {
  constructor(
    readonly method: string,
    readonly facts: ErrorFacts,
  ) {
    super(`${method} failed${facts.status ? ` (HTTP ${facts.status})` : ""}: ${redact(facts.message)}`);
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
    for (let attempt = 0; ; attempt++) {
      if (this.options.signal?.aborted) throw new AbortedError();
      const pacer = this.options.pacer;
      if (pacer) this.budget.paced(await pacer.acquire(this.options.signal));
      this.budget.call(kind, method);
      let facts: ErrorFacts;
      try {
        return await fn();
      } catch (err) {
        facts = errorFacts(err);
      } finally {
        pacer?.release();
      }
      if (isRateLimit(facts)) this.budget.limited();
      if (!isRetryable(facts) || attempt + 1 >= this.policy.maxAttempts)
        throw new ApiCallError(method, facts);
      this.budget.retry();
      await this.clock.sleep(backoffMs(this.policy, attempt + 1, facts), this.options.signal);
      if (hooks?.recover && kind === "write" && !isRateLimit(facts)) {
        const found = await hooks.recover(facts);
        if (found !== undefined) return found;
      }
    }
  }
}
