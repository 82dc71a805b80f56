// Records what a run spent: every deploy ends by printing this line.
export interface BudgetSnapshot {
  reads: number;
  writes: number;
  retries: number;
  /** 429 / 403 rateLimitExceeded answers seen; with pacing this should stay 0. */
  rateLimited: number;
  /** Time spent waiting for the quota window (ms of wall time: calls waiting at once count once). */
  pacedMs: number;
  elapsedMs: number;
  /** Calls per method, e.g. "tags.create": 12. */
  byMethod: Record<string, number>;
}

export class Budget {
  private readonly startedAt: number;
  private reads = 0;
  private writes = 0;
  private retries = 0;
  private rateLimited = 0;
  // Each wait as [start, end]: independent reads wait side by side.
  private readonly waits: [number, number][] = [];
  private readonly byMethod = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  call(kind: "read" | "write", method: string): void {
    if (kind === "read") this.reads++;
    else this.writes++;
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
  }
  retry(): void {
    this.retries++;
  }
  limited(): void {
    this.rateLimited++;
  }
  /** A call has just waited `ms` for the quota window. */
  paced(ms: number): void {
    if (ms <= 0) return;
    const end = this.now();
    this.waits.push([end - ms, end]);
  }

  private pacedMs(): number {
    let total = 0;
    let reached = Number.NEGATIVE_INFINITY;
    for (const [start, end] of [...this.waits].sort((a, b) => a[0] - b[0])) {
      total += Math.max(0, end - Math.max(start, reached));
      reached = Math.max(reached, end);
    }
    return total;
  }

  snapshot(): BudgetSnapshot {
    const byMethod: Record<string, number> = {};
    for (const k of [...this.byMethod.keys()].sort()) byMethod[k] = this.byMethod.get(k)!;
    return {
      reads: this.reads,
      writes: this.writes,
      retries: this.retries,
      rateLimited: this.rateLimited,
      pacedMs: this.pacedMs(),
      elapsedMs: this.now() - this.startedAt,
      byMethod,
    };
  }
}

export function formatBudget(b: BudgetSnapshot): string {
  return (
    `calls: ${n(b.reads, "read")}, ${n(b.writes, "write")}, ${n(b.retries, "retry", "retries")}, ` +
    `${n(b.rateLimited, "rate-limit answer")}; elapsed ${(b.elapsedMs / 1000).toFixed(1)} s`
  );
}

function n(count: number, word: string, plural = `${word}s`): string {
  return `${count} ${count === 1 ? word : plural}`;
}
