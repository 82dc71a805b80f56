// E-value (VanderWeele & Ding 2017, Ann Intern Med 167:268): the minimum strength of association,
// on the risk-ratio scale, that an unmeasured confounder would need with both the micro goal and
// the macro goal, beyond the measured history, to explain the estimate away.

/** E-value of a risk ratio; 1 means no effect to explain away; null for an unusable ratio. */
export function eValue(rr: number | null): number | null {
  if (rr === null || !Number.isFinite(rr) || rr <= 0) return null;
  const r = rr >= 1 ? rr : 1 / rr;
  return r + Math.sqrt(r * (r - 1));
}

/**
 * E-value of the interval bound nearer to no effect: 1 when the interval contains 1 (no confounding
 * is needed to move it to the null).
 */
export function eValueOfBound(rr: number | null, low: number | null, high: number | null): number | null {
  if (rr === null || low === null || high === null) return null;
  if (low <= 1 && high >= 1) return 1;
  return eValue(rr > 1 ? low : high);
}
