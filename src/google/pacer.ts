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
 * this pacer's recent charge times and returns everyone else's; see quota-memory.ts.
 */
export interface SharedCalls {
  exchange(own: readonly number[]): readonly number[];
}

/** A call that holds a slot in the window: its wait, and end() once it has its answer. */
export interface PacedCall {
  waitedMs: number;
  end(): void;
}

/** One of this pacer's calls: when it was sent and, once it ended, how long it took. */
interface SentCall {
  at: number;
  latency?: number;
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
  // The calls still in the window, in flight or ended. The server charges a call when it
  // arrives, a moment after it was sent: counting from completion instead added a call's latency
  // to every window, and the window ran below full. A call is charged from its send time, later
  // by as much as it took longer than the fastest call (a new connection or a token fetch delays
  // its arrival, not the next call's). That estimate assumes the fastest call spent all its time
  // after arriving; it may have arrived up to its whole latency later, so the skew margin is at
  // least the fastest latency (on a loaded machine at a high time scale, 2 ms was not: CI saw a 429).
  private readonly sent: SentCall[] = [];
  private fastest = Number.POSITIVE_INFINITY;
  // Charge times of other processes' calls in the window, ascending.
  private others: readonly number[] = [];
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

  /**
   * Waits until one more call fits in the window, then reserves it. The returned call's `end()`
   * records when it ended: calls may run at once and end in any order.
   */
  async begin(signal?: AbortSignal): Promise<PacedCall> {
    let waitedMs = 0;
    for (;;) {
      const wait = this.waitMs();
      if (wait <= 0) break;
      waitedMs += wait;
      await this.clock.sleep(wait, signal);
    }
    const call: SentCall = { at: this.clock.now() };
    this.forgetLeft();
    this.sent.push(call);
    return { waitedMs, end: () => this.end(call) };
  }

  /** begin() for one call at a time: release() ends the oldest running call. */
  async acquire(signal?: AbortSignal): Promise<number> {
    return (await this.begin(signal)).waitedMs;
  }

  release(): void {
    const call = this.sent.find((c) => c.latency === undefined);
    if (call) this.end(call);
  }

  private end(call: SentCall): void {
    if (call.latency !== undefined) return;
    call.latency = this.clock.now() - call.at;
    this.fastest = Math.min(this.fastest, call.latency);
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
    const { limit, windowMs } = this.options;
    const ended = this.sent.filter((c) => c.latency !== undefined);
    return {
      limit,
      windowMs,
      marginMs: this.marginMs(),
      now: this.clock.now(),
      completions: [...ended.map((c) => this.chargedAt(c)), ...this.others],
      inFlight: this.sent.length - ended.length,
      blockedUntil: Number.isFinite(this.blockedUntil) ? this.blockedUntil : undefined,
    };
  }

  /**
   * This pacer's own ended calls still inside the window, as the other processes must count them:
   * by when they ended. The server charged each before it answered; how much before, another
   * process's margin does not cover (a process's first calls arrive late: a plan's two reads were
   * charged ~35 ms after they were sent, and the apply that read them from the memory was refused).
   */
  recent(): number[] {
    const since = this.clock.now() - this.options.windowMs;
    return this.sent
      .filter((c) => c.latency !== undefined)
      .map((c) => c.at + (c.latency as number))
      .filter((t) => t > since);
  }

  /** How long the next call would have to wait now. */
  waitMs(): number {
    const { limit, windowMs } = this.options;
    const marginMs = this.marginMs();
    const now = this.clock.now();
    const blocked = this.blockedUntil + marginMs - now;
    if (blocked > 0) return blocked;
    if (this.sent.length + this.others.length < limit) return 0;
    // A running call holds its slot at least until it ends: it may not have reached the server yet.
    const own = this.sent.map((c) =>
      c.latency === undefined ? Number.POSITIVE_INFINITY : this.chargedAt(c),
    );
    const charges = [...own, ...this.others].sort((a, b) => a - b).slice(-limit);
    if (charges.length < limit) return 0;
    // The call `limit` back must leave the window before another may start.
    const oldest = charges[0];
    if (oldest === Number.POSITIVE_INFINITY) return Math.max(1, marginMs);
    return Math.max(0, oldest + windowMs + marginMs - now);
  }

  /**
   * Drops ended calls whose charge has left the window. Not by count: a slow call is charged later
   * than a faster one sent after it, so the call sent `limit` back is not always the first to leave.
   */
  private forgetLeft(): void {
    const since = this.clock.now() - this.options.windowMs - this.marginMs();
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const c = this.sent[i]!;
      if (c.latency !== undefined && this.chargedAt(c) <= since) this.sent.splice(i, 1);
    }
  }

  /** The configured skew margin, or the fastest call's latency when that is longer. */
  private marginMs(): number {
    const configured = this.options.marginMs ?? 0;
    return Number.isFinite(this.fastest) ? Math.max(configured, this.fastest) : configured;
  }

  /** When the server charged an ended call, at the latest that we can tell apart from skew. */
  private chargedAt(c: SentCall): number {
    return c.at + Math.max(0, (c.latency ?? 0) - this.fastest);
  }
}
