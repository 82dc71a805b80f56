// Decides, per request, which fault (if any) to inject. Deterministic from the seed: one draw for
// the exclusive faults and one for slowness, in request order.
import { mulberry32 } from "../traffic/prng.js";
import type { FaultConfig, FaultKind, FaultRates } from "./fault-config.js";

export interface FaultDecision {
  /** Exclusive fault replacing or truncating the normal reply. */
  kind?: Exclude<FaultKind, "slow">;
  /** Delay before replying, ms (0 = none). */
  delayMs: number;
}

const DEFAULT_SLOW_MS = 200;
const EXCLUSIVE: Exclude<FaultKind, "slow">[] = ["drop", "http429", "http500", "http503", "lost"];

export class FaultInjector {
  private random: () => number;
  private config: FaultConfig = {};

  constructor(
    private readonly seed: number,
    config: FaultConfig = {},
  ) {
    this.random = mulberry32(seed);
    this.set(config);
  }

  set(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.random = mulberry32(this.seed);
  }

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  decide(method: string, path: string, write: boolean): FaultDecision {
    const queued = this.takeQueued(method, path, write);
    if (queued) return queued;
    const rates = this.ratesFor(method, path);
    const decision: FaultDecision = { delayMs: 0 };
    if (!rates) return decision;
    let u = this.random();
    for (const kind of EXCLUSIVE) {
      const p = kind === "lost" && !write ? 0 : (rates[kind] ?? 0);
      if (u < p) {
        decision.kind = kind;
        break;
      }
      u -= p;
    }
    if (rates.slow && this.random() < rates.slow) decision.delayMs = rates.slowMs ?? DEFAULT_SLOW_MS;
    return decision;
  }

  private ratesFor(method: string, path: string): FaultRates | undefined {
    for (const entry of this.config.paths ?? []) {
      if (entry.method && entry.method !== method) continue;
      if (new RegExp(entry.pattern).test(path)) return entry.rates;
    }
    return this.config.rates;
  }

  private takeQueued(method: string, path: string, write: boolean): FaultDecision | undefined {
    const queue = this.config.queue ?? [];
    const index = queue.findIndex(
      (q) =>
        q.count > 0 &&
        (!q.method || q.method === method) &&
        (!q.pattern || new RegExp(q.pattern).test(path)) &&
        (q.kind !== "lost" || write),
    );
    if (index < 0) return undefined;
    const entry = queue[index];
    entry.count--;
    if (entry.count === 0) queue.splice(index, 1);
    if (entry.kind === "slow") return { delayMs: entry.slowMs ?? DEFAULT_SLOW_MS };
    return { kind: entry.kind, delayMs: 0 };
  }
}
