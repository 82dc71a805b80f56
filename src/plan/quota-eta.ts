// How long the remaining calls of a run must take under a sliding-window quota, from the window as
// it is now: a lower bound (calls themselves take no time here), but an honest one. Extrapolating the
// pace so far says "ETA 1s" while the first, free calls of a window run; this counts the waits ahead.

/** Skew margin after a slot frees: half a percent of the window (0.5 s of GTM's 100 s), at least 2 ms. */
export function pacerMarginMs(windowMs: number): number {
  return Math.max(2, windowMs / 200);
}

export interface WindowState {
  limit: number;
  /** The window in the clock's ms: already divided by any time scale (emulator ×100 → 1 s). */
  windowMs: number;
  /** Extra wait after a slot frees (the pacer's skew margin). */
  marginMs?: number;
  now: number;
  /** Completion times of calls still in the window (ours and other processes'), any order. */
  completions: readonly number[];
  /** Calls running now: each holds a slot from now on. */
  inFlight?: number;
  /** After a quota refusal nothing may start before this time (see Pacer.saturate). */
  blockedUntil?: number;
}

/** Milliseconds until the last of `remaining` calls can start, pacing as the Pacer does. */
export function quotaEtaMs(remaining: number, w: WindowState): number {
  if (remaining <= 0) return 0;
  const { limit, windowMs, marginMs = 0, now } = w;
  // Only the newest `limit` calls can hold a slot; in-flight calls complete no earlier than now.
  const times = [...w.completions]
    .filter((t) => t > now - windowMs)
    .sort((a, b) => a - b)
    .slice(-limit);
  for (let i = 0; i < (w.inFlight ?? 0); i++) times.push(now);
  let t = Math.max(now, w.blockedUntil === undefined ? now : w.blockedUntil + marginMs);
  for (let i = 0; i < remaining; i++) {
    if (times.length >= limit) t = Math.max(t, times[times.length - limit] + windowMs + marginMs);
    times.push(t);
  }
  return t - now;
}

/** "45s", "4m32s", "1h05m": short enough for a progress line. */
export function formatEta(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
