// How good a lead score is on users held out from fitting: AUC (the chance a converter is scored
// above a non-converter, ties counting half) and calibration by decile (mean predicted vs observed
// rate, with the observed rate's Wilson 95% interval).

export interface Scored {
  score: number;
  users: number;
  converted: number;
}

export function auc(scored: Scored[]): number {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  let negBelow = 0;
  let sum = 0;
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    let tiePos = 0;
    let tieNeg = 0;
    while (j < sorted.length && (sorted[j] as Scored).score === (sorted[i] as Scored).score) {
      const s = sorted[j] as Scored;
      tiePos += s.converted;
      tieNeg += s.users - s.converted;
      j++;
    }
    sum += tiePos * (negBelow + tieNeg / 2);
    negBelow += tieNeg;
    pos += tiePos;
    neg += tieNeg;
    i = j;
  }
  return pos === 0 || neg === 0 ? Number.NaN : sum / (pos * neg);
}

export interface CalibrationRow {
  decile: number; // 1 = lowest scores
  users: number;
  predicted: number; // mean predicted probability
  observed: number; // conversion rate
  low: number;
  high: number;
}

export function wilson(x: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = x / n;
  const den = 1 + (z * z) / n;
  const mid = (p + (z * z) / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / den;
  return { low: Math.max(0, mid - half), high: Math.min(1, mid + half) };
}

/**
 * Users sorted by score and cut into ten groups of (nearly) equal size. Users sharing a score may
 * fall in two deciles: patterns are split by count, so every decile holds a tenth of the users.
 */
export function calibrationByDecile(scored: Scored[]): CalibrationRow[] {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  const total = sorted.reduce((s, x) => s + x.users, 0);
  const rows: CalibrationRow[] = [];
  let decile = 0;
  let acc = { users: 0, conv: 0, pred: 0 };
  let seen = 0;
  const flush = () => {
    const { low, high } = wilson(acc.conv, acc.users);
    rows.push({
      decile: decile + 1,
      users: acc.users,
      predicted: acc.users ? acc.pred / acc.users : 0,
      observed: acc.users ? acc.conv / acc.users : 0,
      low,
      high,
    });
    acc = { users: 0, conv: 0, pred: 0 };
  };
  for (const s of sorted) {
    let left = s.users;
    const rate = s.users ? s.converted / s.users : 0;
    while (left > 0) {
      const bound = Math.round(((decile + 1) * total) / 10);
      const take = decile === 9 ? left : Math.min(left, bound - seen);
      if (take <= 0) {
        flush();
        decile++;
        continue;
      }
      acc.users += take;
      acc.conv += take * rate; // a pattern's converters spread evenly over its split
      acc.pred += take * s.score;
      seen += take;
      left -= take;
    }
  }
  if (acc.users > 0) flush();
  return rows;
}
