// Benjamini–Hochberg step-up adjustment: q-values that control the false-discovery rate across
// every test in one report. Same result as R's p.adjust(p, "BH"). Nulls (no test) pass through.
export function benjaminiHochberg(pValues: (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((t): t is { p: number; index: number } => t.p !== null)
    .sort((x, y) => y.p - x.p || y.index - x.index);
  const m = tested.length;
  const q: (number | null)[] = pValues.map(() => null);
  let running = 1;
  tested.forEach((t, i) => {
    const rank = m - i; // largest p has rank m
    running = Math.min(running, (t.p * m) / rank);
    q[t.index] = running;
  });
  return q;
}
