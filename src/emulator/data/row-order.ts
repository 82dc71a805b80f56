// orderBys of a report: by metric or by dimension (alphanumeric, case-insensitive, numeric),
// with a deterministic tie-break on the dimension labels.

import { enumName, OrderType } from "./enums.js";

export interface OutRow {
  labels: string[];
  values: number[];
}

interface OrderBy {
  desc?: boolean;
  metric?: { metricName?: string };
  dimension?: { dimensionName?: string; orderType?: unknown };
}

export function rowComparator(
  orderBys: unknown,
  dimensionNames: string[],
  metricNames: string[],
): (a: OutRow, b: OutRow) => number {
  const list = (Array.isArray(orderBys) ? orderBys : []) as OrderBy[];
  const keys: ((a: OutRow, b: OutRow) => number)[] = [];
  for (const [i, o] of list.entries()) {
    const sign = o.desc ? -1 : 1;
    if (o.metric) {
      const m = metricNames.indexOf(o.metric.metricName ?? "");
      if (m >= 0) keys.push((a, b) => sign * ((a.values[m] as number) - (b.values[m] as number)));
    } else if (o.dimension) {
      const d = dimensionNames.indexOf(o.dimension.dimensionName ?? "");
      const type = enumName(OrderType, o.dimension.orderType, `orderBys[${i}].dimension.orderType`);
      if (d >= 0)
        keys.push((a, b) => sign * compareLabels(a.labels[d] as string, b.labels[d] as string, type));
    }
  }
  if (keys.length === 0 && metricNames.length > 0)
    keys.push((a, b) => (b.values[0] as number) - (a.values[0] as number));
  return (a, b) => {
    for (const k of keys) {
      const c = k(a, b);
      if (c !== 0) return c;
    }
    for (let d = 0; d < a.labels.length; d++) {
      const c = compareLabels(a.labels[d] as string, b.labels[d] as string, "ALPHANUMERIC");
      if (c !== 0) return c;
    }
    return 0;
  };
}

function compareLabels(a: string, b: string, type: string | undefined): number {
  if (type === "NUMERIC") return Number(a) - Number(b);
  if (type === "CASE_INSENSITIVE_ALPHANUMERIC") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
