// Request counts by "METHOD /path/{template}" and by API, so tests and benches can assert call budgets.
import type { QuotaApi } from "./http/route.js";

export interface RequestCountsSnapshot {
  total: number;
  byApi: Partial<Record<QuotaApi | "unmatched", number>>;
  byRoute: Record<string, number>;
}

export class RequestCounts {
  private counts: RequestCountsSnapshot = { total: 0, byApi: {}, byRoute: {} };

  record(api: QuotaApi | "unmatched", route: string): void {
    this.counts.total++;
    this.counts.byApi[api] = (this.counts.byApi[api] ?? 0) + 1;
    this.counts.byRoute[route] = (this.counts.byRoute[route] ?? 0) + 1;
  }

  snapshot(): RequestCountsSnapshot {
    const sorted = Object.fromEntries(
      Object.entries(this.counts.byRoute).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    return { total: this.counts.total, byApi: { ...this.counts.byApi }, byRoute: sorted };
  }

  reset(): void {
    this.counts = { total: 0, byApi: {}, byRoute: {} };
  }
}
