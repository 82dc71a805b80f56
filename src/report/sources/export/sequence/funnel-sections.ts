// The funnel and continued sections (analysis-query.ts funnelSql) from each user's goal times. A
// step event continues the funnel when a reached previous-step event lies in [t − W, t). Reached:
// in an open funnel every event of the step, in a closed one only the events that continued.
import type { ExportQuery } from "../analysis-query.js";
import type { ResultRow } from "../read-result.js";
import { resultRow } from "./result-row.js";
import type { UserGoals } from "./user-goals.js";

const MICROS = 1_000_000;

interface FunnelTally {
  funnelId: string;
  stepIds: string[];
  steps: number[];
  open: boolean;
  windowMicros: number;
  /** users with a continuing event of step s (index 0 unused) */
  continued: number[];
}

export class FunnelSections {
  private readonly funnels: FunnelTally[];
  private reached = new Float64Array(64);
  private via = new Float64Array(64);

  constructor(q: ExportQuery, code: (goalId: string) => number) {
    this.funnels = q.funnels.map((f) => ({
      funnelId: f.funnelId,
      stepIds: f.steps,
      steps: f.steps.map(code),
      open: f.open,
      windowMicros: f.windowSeconds * MICROS,
      continued: f.steps.map(() => 0),
    }));
  }

  visit(user: UserGoals): void {
    if (this.via.length < user.hitCount) {
      this.reached = new Float64Array(user.hitCount);
      this.via = new Float64Array(user.hitCount);
    }
    const times = user.timeList;
    // Indexed loops and a plain swap: this runs once per user, mostly before V8 optimizes it, and
    // an iterator or a destructuring swap costs an object each time there.
    for (let fi = 0; fi < this.funnels.length; fi++) {
      const f = this.funnels[fi]!;
      // (an open funnel is entered at any step: a later step may continue without the first)
      if (!f.open && !user.has(f.steps[0]!)) continue;
      // reached events: [from, from + n) of `list`
      let list = times;
      let from = user.fromOf(f.steps[0]!);
      let n = user.countOf(f.steps[0]!);
      for (let s = 1; s < f.steps.length; s++) {
        const goal = f.steps[s]!;
        const stepFrom = user.fromOf(goal);
        const stepEnd = stepFrom + user.countOf(goal);
        // The latest reached event before t: reached times ascend, so it only moves forward.
        let r = from - 1;
        const end = from + n;
        let continued = 0;
        for (let i = stepFrom; i < stepEnd; i++) {
          const t = times[i]!;
          while (r + 1 < end && list[r + 1]! < t) r++;
          if (r >= from && list[r]! >= t - f.windowMicros) this.via[continued++] = t;
        }
        if (continued > 0) f.continued[s]!++;
        if (f.open) {
          list = times;
          from = stepFrom;
          n = stepEnd - stepFrom;
        } else {
          if (continued === 0) break;
          const reached = this.via;
          this.via = this.reached;
          this.reached = reached;
          list = reached;
          from = 0;
          n = continued;
        }
      }
    }
  }

  rows(goalUsers: (goal: number) => number): ResultRow[] {
    return this.funnels.flatMap((f) =>
      f.steps.flatMap((goal, s) => {
        const a = f.funnelId;
        const reached = s === 0 || f.open ? goalUsers(goal) : f.continued[s]!;
        const rows = [resultRow("funnel", { a, b: f.stepIds[s]!, n1: reached, n2: s })];
        if (s > 0)
          rows.push(resultRow("continued", { a, b: f.stepIds[s - 1]!, n1: f.continued[s]!, n2: s - 1 }));
        return rows;
      }),
    );
  }
}
