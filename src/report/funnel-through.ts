// Through-funnel conversion: the share of first-step users who went on through every step. In a
// closed funnel that is last-step users ÷ first-step users. In an open funnel it is not: users may
// enter at any step, so the last step counts people who never saw the first (the demo's B2B funnel:
// 1,314 at the last step, 1,052 of them entered there). There it is the chain of step conversions:
// exact while nobody entered at an intermediate step, else an estimate that assumes the entrants
// went on like the users who came through.
import type { FunnelStepAnalysis, Rate } from "./analysis.js";

export interface ThroughFunnel {
  /** per step: share of first-step users who reached it through every earlier step (null: unknown) */
  steps: (Rate | null)[];
  /** the last step's: the through-funnel conversion */
  overall: Rate | null;
  /** true when a count is estimated (then the rate has no interval) */
  estimated: boolean;
}

type Step = Pick<FunnelStepAnalysis, "users" | "stepConversion" | "entered">;

export function throughFunnel(steps: Step[], rateOf: (x: number, n: number) => Rate): ThroughFunnel {
  const first = steps[0]?.users ?? 0;
  const out: (Rate | null)[] = [];
  let through: number | null = first;
  let exact = true;
  steps.forEach((s, i) => {
    if (i === 0) {
      out.push(rateOf(first, first));
      return;
    }
    const conv = s.stepConversion;
    if (through === null || conv === null || conv.rate === null) {
      through = null;
      out.push(null);
      return;
    }
    // Everyone at the previous step came through unless someone entered there (or earlier).
    if (exact && (i === 1 || !((steps[i - 1].entered ?? 0) > 0))) through = conv.x;
    else {
      exact = false;
      through *= conv.rate;
    }
    out.push(exact ? rateOf(through, first) : estimate(through, first));
  });
  const overall = steps.length > 1 ? (out.at(-1) ?? null) : null;
  return { steps: out, overall, estimated: !exact };
}

/** An estimated count: the rate without an interval (a binomial interval would overstate certainty). */
function estimate(x: number, n: number): Rate {
  return { x: Math.round(x), n, rate: n > 0 ? x / n : null, low: null, high: null };
}
