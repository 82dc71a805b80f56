// Phi coefficient of the 2x2 table [[a, b], [c, d]]: Pearson correlation between two binary
// variables (here: did the micro goal, converted). 0 when a margin is empty.
export function phi(a: number, b: number, c: number, d: number): number {
  const denom = Math.sqrt((a + b) * (c + d) * (a + c) * (b + d));
  return denom === 0 ? 0 : (a * d - b * c) / denom;
}
