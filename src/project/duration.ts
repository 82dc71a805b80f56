// Durations as written in specs: "500ms", "180s", "30m", "3h", "7d", or a bare number of milliseconds.

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds for a duration the schema accepted; undefined when it is not one. */
export function durationMs(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(value);
  return m ? Number(m[1]) * unitMs[m[2]!]! : undefined;
}

export function durationSeconds(value: string | number): number | undefined {
  const ms = durationMs(value);
  return ms === undefined ? undefined : Math.round(ms / 1000);
}
