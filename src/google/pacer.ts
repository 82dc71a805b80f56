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

export class Pacer {
  // Completion times of the most recent calls (at most `limit`). A call is charged from when it
  // finished: the server saw it no later than that, so waiting a full window from there is safe.
  private readonly done: number[] = [];
  private inFlight = 0;

  constructor(
    readonly options: PacerOptions,
    private readonly clock: Clock,
  ) {}

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
  }

  /** How long the next call would have to wait now. */
  waitMs(): number {
    const { limit, windowMs, marginMs = 0 } = this.options;
    const used = this.done.length + this.inFlight;
    if (used < limit) return 0;
    // The oldest completion that must leave the window before another call may start.
    const index = used - limit;
    if (index >= this.done.length) return Math.max(1, marginMs); // all slots held by in-flight calls
    return Math.max(0, this.done[index] + windowMs + marginMs - this.clock.now());
  }
}
