// Sliding-window pacer: at most `limit` calls in any `windowMs`. It WAITS before a call instead of
// letting the API answer 429/403, because every refused call still costs quota and time.

import type { Clock } from "./clock.js";

export interface PacerOptions {
  /** Calls allowed per window; GTM: 25 per 100 s (raise for projects with a raised quota). */
  limit: number;
  windowMs: number;
  /** Extra wait after a slot frees, to absorb clock skew between us and the server. */
  marginMs?: number;
}

/**
 * Calls other pacers (earlier or concurrent processes) charged to the same quota. `exchange` gets
 * this pacer's recent completions and returns everyone else's; see quota-memory.ts.
 */
export interface SharedCalls {
  exchange(own: readonly number[]): readonly number[];
}

/** A snapshot of the sliding window: the calls that still hold a slot, and any refusal block. */
export interface PacerWindow {
  limit: number;
  windowMs: number;
  marginMs?: number;
  now: number;
  completions: readonly number[];
  inFlight: number;
  blockedUntil?: number;
}

export class Pacer {
  // Completion times of the most recent calls (at most `limit`). A call is charged from when it
  // finished: the server saw it no later than that, so waiting a full window from there is safe.
  private readonly done: number[] = [];
  // Completion times of other processes' calls in the window, ascending.
  private others: readonly number[] = [];
  private inFlight = 0;
  // After a refusal: the server's window is full of calls we cannot see (another process, another
  // machine on the same Cloud project). Nothing starts before a full window has passed.
  private blockedUntil = Number.NEGATIVE_INFINITY;

  constructor(
    readonly options: PacerOptions,
    private readonly clock: Clock,
    private readonly shared?: SharedCalls,
  ) {
    if (shared) this.others = [...shared.exchange([])].sort((a, b) => a - b);
  }

  /** Waits until one more call fits in the window, then reserves it. Call release() when it ends. */
  async acquire(signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (;;) {
      const wait = this.waitMs();
      if (wait <= 0) break;
      waited += wait;
      await this.clock.sleep(wait, signal);
    }
    this.inFlight++;
    return waited;
  }

  release(): void {
    this.inFlight--;
    this.done.push(this.clock.now());
    while (this.done.length > this.options.limit) this.done.shift();
    if (this.shared) this.others = [...this.shared.exchange(this.recent())].sort((a, b) => a - b);
  }

  /**
   * The server refused a call for quota at `now`: whatever filled its window, a full window from
   * now it has all left. The next acquire() waits until then (windowMs is already time-scaled), or
   * `forMs` when the server said how long (Retry-After).
   */
  saturate(now: number = this.clock.now(), forMs: number = this.options.windowMs): void {
    this.blockedUntil = Math.max(this.blockedUntil, now + forMs);
  }

  /** The window as it is now, for estimates of the time ahead (plan/quota-eta.ts quotaEtaMs). */
  window(): PacerWindow {
    const { limit, windowMs, marginMs } = this.options;
    return {
      limit,
      windowMs,
      marginMs,
      now: this.clock.now(),
      completions: [...this.done, ...this.others],
      inFlight: this.inFlight,
      blockedUntil: Number.isFinite(this.blockedUntil) ? this.blockedUntil : undefined,
    };
  }

  /** This pacer's own completions still inside the window. */
  recent(): number[] {
    const since = this.clock.now() - this.options.windowMs;
    return this.done.filter((t) => t > since);
  }

  /** How long the next call would have to wait now. */
  waitMs(): number {
    const { limit, windowMs, marginMs = 0 } = this.options;
    const blocked = this.blockedUntil + marginMs - this.clock.now();
    if (blocked > 0) return blocked;
    const done = this.others.length === 0 ? this.done : merged(this.done, this.others, limit);
    const used = done.length + this.inFlight;
    if (used < limit) return 0;
    // The oldest completion that must leave the window before another call may start.
    const index = used - limit;
    if (index >= done.length) return Math.max(1, marginMs); // all slots held by in-flight calls
    return Math.max(0, done[index] + windowMs + marginMs - this.clock.now());
  }
}

/** The newest `limit` completions of both lists, ascending. */
function merged(a: readonly number[], b: readonly number[], limit: number): number[] {
  return [...a, ...b].sort((x, y) => x - y).slice(-limit);
}
