// CSV: one record per row, the kind of record in the first column (pair, funnel_step, goal, caveat,
// cost; from the GA4 export also time_to_convert, path, day), so a spreadsheet can filter by it.
// Numbers are raw (rates as fractions), RFC 4180 quoting.
import type { Analysis } from "../analysis.js";
import { caveatLines } from "./caveat-lines.js";

export const CSV_COLUMNS = [
  "record",
  "id",
  "macro",
  "users",
  "events",
  "x",
  "n",
  "rate",
  "low",
  "high",
  "baseline_x",
  "baseline_n",
  "baseline_rate",
  "baseline_low",
  "baseline_high",
  "lift",
  "lift_low",
  "lift_high",
  "test",
  "p_value",
  "q_value",
  "significant",
  "phi",
  "value_per_micro",
  "more_users_needed",
  "rank",
  "status",
  "note",
  "median_seconds",
  "p90_seconds",
  // micro | baseline: that group had no conversions; with baseline, lift and lift_high are empty
  // (no finite lift) and lift_low is a lower bound
  "lift_zero_cell",
  // milestone | secondary; milestone pairs follow the ranked ones with an empty rank
  "role",
  "step_note",
  // the effect adjusted for pre-exposure history (docs/effects.md): risk ratio − 1 and 95% interval
  "adjusted_lift",
  "adjusted_low",
  "adjusted_high",
  "adjusted_n",
  "adjusted_e_value",
  "adjusted_e_value_bound",
  "adjusted_status",
  "adjusted_method",
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Record_ = Partial<Record<Column, string | number | boolean | null>>;

function quote(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(a: Analysis): string {
  const records: Record_[] = [];
  for (const i of [...a.ranking, ...a.milestones]) {
    const p = a.pairs[i];
    const adj = p.adjusted;
    records.push({
      role: p.role,
      step_note: p.stepNote,
      adjusted_lift: adj?.lift.relative ?? null,
      adjusted_low: adj?.lift.low ?? null,
      adjusted_high: adj?.lift.high ?? null,
      adjusted_n: adj?.n ?? null,
      adjusted_e_value: adj?.eValue.point ?? null,
      adjusted_e_value_bound: adj?.eValue.bound ?? null,
      adjusted_status: adj?.status ?? null,
      adjusted_method: adj?.method ?? null,
      record: "pair",
      id: p.microId,
      macro: p.macroId,
      users: p.afterMicro.n,
      x: p.afterMicro.x,
      n: p.afterMicro.n,
      rate: p.afterMicro.rate,
      low: p.afterMicro.low,
      high: p.afterMicro.high,
      baseline_x: p.baseline.x,
      baseline_n: p.baseline.n,
      baseline_rate: p.baseline.rate,
      baseline_low: p.baseline.low,
      baseline_high: p.baseline.high,
      lift: p.lift?.relative ?? null,
      lift_low: p.lift?.low ?? null,
      lift_high: p.lift?.high ?? null,
      lift_zero_cell: p.lift?.zeroCell ?? null,
      test: p.test,
      p_value: p.pValue,
      q_value: p.qValue,
      significant: p.significant,
      phi: p.phi,
      value_per_micro: p.valuePerMicro,
      more_users_needed: p.moreUsersNeeded,
      rank: p.rank,
      status: p.status,
      note: p.note,
    });
  }
  for (const f of a.funnels) {
    f.steps.forEach((s, i) => {
      const sc = s.stepConversion;
      records.push({
        record: "funnel_step",
        id: `${f.id}:${i + 1}:${s.goalId}`,
        users: s.users,
        x: sc?.x ?? null,
        n: sc?.n ?? null,
        rate: sc?.rate ?? null,
        low: sc?.low ?? null,
        high: sc?.high ?? null,
        status: s.noData ? "no-data" : f.bottleneck?.stepIndex === i ? "bottleneck" : "ok",
        note:
          [s.dropOff === null ? "" : `drop-off ${s.dropOff}`, s.entered ? `entered here ${s.entered}` : ""]
            .filter(Boolean)
            .join("; ") || null,
      });
    });
  }
  for (const g of a.goals) {
    records.push({
      record: "goal",
      id: g.id,
      users: g.users,
      events: g.events,
      status: g.noData ? "no-data" : "ok",
      note: g.kind,
    });
  }
  const x = a.export;
  for (const t of x?.timeToConvert ?? []) {
    records.push({
      record: "time_to_convert",
      id: t.microId,
      macro: t.macroId,
      users: t.converters,
      median_seconds: t.medianSeconds,
      p90_seconds: t.p90Seconds,
    });
  }
  for (const p of x?.reversePaths ?? []) {
    p.top.forEach((path, i) => {
      records.push({
        record: "path",
        id: path.steps.join(" > "),
        macro: p.macroId,
        users: path.users,
        events: path.conversions,
        n: p.conversions,
        rate: p.conversions > 0 ? path.conversions / p.conversions : null,
        rank: i + 1,
      });
    });
  }
  for (const d of x?.days ?? [])
    records.push({ record: "day", id: d.date, users: d.users, events: d.events });
  for (const c of caveatLines(a))
    records.push({ record: c.level === "warning" ? "caveat" : "info", note: c.text });
  records.push({ record: "cost", id: "requests", n: a.cost.requests });
  records.push({ record: "cost", id: "tokens", n: a.cost.tokens });
  if (x?.bytesProcessed !== null && x?.bytesProcessed !== undefined)
    records.push({ record: "cost", id: "bytes_processed", n: x.bytesProcessed });
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of records) lines.push(CSV_COLUMNS.map((c) => quote(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
