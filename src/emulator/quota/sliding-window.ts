// A sliding-window request limiter: at most `limit` accepted requests in any `windowMs` span.
// Rejected requests are not charged (Google does not count refused calls against the window).
export class SlidingWindow {
  private readonly accepted: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Charges one request at `now`; false when the window is full. */
  tryTake(now: number): boolean {
    while (this.head < this.accepted.length && this.accepted[this.head] <= now - this.windowMs) this.head++;
    if (this.head > 1024) {
      this.accepted.splice(0, this.head);
      this.head = 0;
    }
    if (this.accepted.length - this.head >= this.limit) return false;
    this.accepted.push(now);
    return true;
  }

  /** Milliseconds until the oldest request in the window leaves it. */
  retryAfterMs(now: number): number {
    const oldest = this.accepted[this.head];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.windowMs - now);
  }
}
