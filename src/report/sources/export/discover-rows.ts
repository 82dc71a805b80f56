// Discovery's result rows (one per candidate, half) → CandidateCounts, the same for every SQL engine.
import type { CandidateCounts, CandidateDefinition, HalfCounts } from "../../discover/candidate.js";
import { kindOf } from "../../discover/candidate.js";

export interface DiscoverRow {
  e: string;
  pk: string;
  pv: string;
  n: number;
  days: number;
  be: string | null;
  bpk: string | null;
  bpv: string | null;
  half: string;
  doers: number;
  conv_after: number;
  doer_converters: number;
  conv_before: number;
  only_after: number;
}

export type HalfTotals = Map<string, { users: number; converters: number }>;

/** Rows as plain values: BigQuery's client wraps INT64 and NUMERIC in `{ value }`. */
export function plainRows(raw: Record<string, unknown>[]): Record<string, unknown>[] {
  return raw.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        v !== null && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v,
      ]),
    ),
  );
}

/** Events in the period, from the totals query's rows. */
export function totalEvents(rows: Record<string, unknown>[]): number {
  return rows.reduce((sum, r) => sum + Number(r.events ?? 0), 0);
}

/** The totals query's rows by half. */
export function halfTotals(rows: Record<string, unknown>[]): HalfTotals {
  return new Map(
    rows.map((t) => [String(t.half), { users: Number(t.users), converters: Number(t.converters) }]),
  );
}

/** One CandidateCounts per candidate, from its rows per half (a half without a row: no doers). */
export function fold(rows: DiscoverRow[], total: HalfTotals): CandidateCounts[] {
  const byKey = new Map<string, { definition: CandidateDefinition; halves: Map<string, DiscoverRow> }>();
  for (const r of rows) {
    const definition = definitionOf(r);
    const key = JSON.stringify(definition);
    const entry = byKey.get(key) ?? { definition, halves: new Map() };
    entry.halves.set(String(r.half), r);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ definition, halves }) => ({
    definition,
    kind: kindOf(definition),
    discovery: half(halves.get("discovery"), total.get("discovery")),
    confirmation: half(halves.get("confirmation"), total.get("confirmation")),
  }));
}

function definitionOf(r: DiscoverRow): CandidateDefinition {
  const one = (e: string, pk: string, pv: string): CandidateDefinition =>
    pk ? { event: e, param: pk, value: pv } : { event: e };
  const d = one(r.e, r.pk, r.pv);
  if (Number(r.n) > 0) Object.assign(d, { minCount: Number(r.n), withinDays: Number(r.days) });
  if (r.be !== null) d.and = one(r.be, r.bpk ?? "", r.bpv ?? "");
  return d;
}

function half(r: DiscoverRow | undefined, t: { users: number; converters: number } | undefined): HalfCounts {
  const users = t?.users ?? 0;
  const converters = t?.converters ?? 0;
  const doers = Number(r?.doers ?? 0);
  const doerConverters = Number(r?.doer_converters ?? 0);
  return {
    users,
    doers,
    convertedAfter: Number(r?.conv_after ?? 0),
    nonDoers: users - doers,
    nonDoersConverted: converters - doerConverters,
    converters,
    convertersBefore: Number(r?.conv_before ?? 0),
    onlyAfterConverting: Number(r?.only_after ?? 0),
  };
}

export function iso(yyyymmdd: string): string {
  const s = yyyymmdd.replaceAll("-", "");
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
