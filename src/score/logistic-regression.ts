// L2-regularised logistic regression fit by Newton's method (iteratively reweighted least
// squares). Micro-goal histories are binary vectors, so users are first folded into distinct
// patterns with counts: millions of users become a few hundred weighted rows, and each Newton step
// is a k×k solve (k = number of micro goals + 1).

export interface Pattern {
  features: number[]; // 0/1 per feature
  users: number;
  converted: number;
}

export interface LogisticModel {
  intercept: number;
  weights: number[];
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function predict(model: LogisticModel, features: number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.weights.length; j++) z += (model.weights[j] as number) * (features[j] ?? 0);
  return sigmoid(z);
}

/** lambda: the L2 penalty on the weights (not the intercept), in units of users. */
export function fitLogistic(patterns: Pattern[], k: number, lambda = 1, iterations = 50): LogisticModel {
  const d = k + 1; // intercept first
  let beta = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const p of patterns) {
      const x = [1, ...p.features];
      let z = 0;
      for (let j = 0; j < d; j++) z += (beta[j] as number) * (x[j] as number);
      const mu = sigmoid(z);
      const w = p.users * mu * (1 - mu);
      for (let a = 0; a < d; a++) {
        const xa = x[a] as number;
        if (xa === 0) continue;
        grad[a] = (grad[a] as number) + xa * (p.converted - p.users * mu);
        const row = hess[a] as number[];
        for (let b = 0; b < d; b++) row[b] = (row[b] as number) + w * xa * (x[b] as number);
      }
    }
    for (let j = 1; j < d; j++) {
      grad[j] = (grad[j] as number) - lambda * (beta[j] as number);
      (hess[j] as number[])[j] = ((hess[j] as number[])[j] as number) + lambda;
    }
    (hess[0] as number[])[0] = ((hess[0] as number[])[0] as number) + 1e-9;
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b + (step[j] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { intercept: beta[0] as number, weights: beta.slice(1) };
}

/** Gaussian elimination with partial pivoting (the Hessian is symmetric positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number))
        pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const pc = m[c] as number[];
    const div = pc[c] as number;
    if (Math.abs(div) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] as number[];
      const f = (row[c] as number) / div;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] as number) - f * (pc[k] as number);
    }
  }
  return m.map((row, i) => {
    const div = row[i] as number;
    return Math.abs(div) < 1e-300 ? 0 : (row[n] as number) / div;
  });
}
