// A fixed-window limiter refilled at every window boundary: Google's per-minute Admin quota and
// per-day GTM quota "refill at the start of the next interval".
export class FixedWindow {
  private windowIndex = -1;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  tryTake(now: number): boolean {
    const index = Math.floor(now / this.windowMs);
    if (index !== this.windowIndex) {
      this.windowIndex = index;
      this.used = 0;
    }
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}
