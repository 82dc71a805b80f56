// What can go wrong on the wire, as plain data (options, control API and state are all JSON).

/** Probabilities in [0, 1]. Status faults, drop and lost are exclusive per request; slow is independent. */
export interface FaultRates {
  /** Answer 429 RESOURCE_EXHAUSTED without handling. */
  http429?: number;
  /** Answer 500 INTERNAL without handling. */
  http500?: number;
  /** Answer 503 UNAVAILABLE without handling. */
  http503?: number;
  /** Destroy the socket before handling: the request had no effect and no reply. */
  drop?: number;
  /** Handle the request (a write is applied), then destroy the socket without replying. Writes only. */
  lost?: number;
  /** Delay the reply by slowMs. */
  slow?: number;
  slowMs?: number;
}

export type FaultKind = "http429" | "http500" | "http503" | "drop" | "lost" | "slow";

export interface PathFaults {
  /** Regular expression (source) searched in the request path, e.g. "/tags" or ":create_version$". */
  pattern: string;
  method?: string;
  rates: FaultRates;
}

/** Exactly the next `count` matching requests get `kind` (for tests that need one precise fault). */
export interface QueuedFault {
  kind: FaultKind;
  count: number;
  pattern?: string;
  method?: string;
  slowMs?: number;
}

export interface FaultConfig {
  /** Rates for every API request not matched by `paths`. */
  rates?: FaultRates;
  /** First matching entry wins over `rates`. */
  paths?: PathFaults[];
  queue?: QueuedFault[];
}
