// One user's hits regrouped by goal (a counting sort within the user): each goal's times ascending,
// found in constant time. Reused from user to user; only the goals a user did are touched.
import type { UserHits } from "./user-hits.js";

export class UserGoals {
  /**
   * the goals this user did, in the order first met: the first presentCount entries (a typed array
   * refilled per user; an array emptied with `length = 0` gave up its storage each time, and
   * refilling it cost ~1 µs per user in a cold process)
   */
  readonly present: Int32Array;
  presentCount = 0;
  /** per goal, over every user loaded so far: users who did it, and their hits */
  readonly users: Float64Array;
  readonly events: Float64Array;
  private readonly stamp: Int32Array;
  private readonly from: Int32Array;
  private readonly count: Int32Array;
  private times: Float64Array;
  private user = -1;

  constructor(
    private readonly hits: UserHits,
    goals: number,
  ) {
    this.present = new Int32Array(goals);
    this.stamp = new Int32Array(goals).fill(-1);
    this.from = new Int32Array(goals);
    this.count = new Int32Array(goals);
    this.users = new Float64Array(goals);
    this.events = new Float64Array(goals);
    this.times = new Float64Array(64);
  }

  /** How many hits the loaded user has. */
  get hitCount(): number {
    return this.hits.start[this.user + 1]! - this.hits.start[this.user]!;
  }

  /** Loads user u's hits. */
  load(u: number): void {
    const { start, t, g } = this.hits;
    const s = start[u]!;
    const e = start[u + 1]!;
    this.user = u;
    let present = 0;
    for (let i = s; i < e; i++) {
      const c = g[i]!;
      if (this.stamp[c] !== u) {
        this.stamp[c] = u;
        this.count[c] = 0;
        this.present[present++] = c;
      }
      this.count[c]!++;
    }
    if (this.times.length < e - s) this.times = new Float64Array(Math.max(e - s, this.times.length * 2));
    let at = 0;
    this.presentCount = present;
    for (let k = 0; k < present; k++) {
      const c = this.present[k]!;
      this.users[c]!++;
      this.events[c]! += this.count[c]!;
      this.from[c] = at;
      at += this.count[c]!;
      this.count[c] = 0;
    }
    for (let i = s; i < e; i++) {
      const c = g[i]!;
      this.times[this.from[c]! + this.count[c]!++] = t[i]!;
    }
  }

  has(goal: number): boolean {
    return goal >= 0 && goal < this.stamp.length && this.stamp[goal] === this.user;
  }

  /** Where the user's times of `goal` start in `times` (they run for countOf(goal)). */
  fromOf(goal: number): number {
    return this.has(goal) ? this.from[goal]! : 0;
  }

  /** How many times the user did `goal`. */
  countOf(goal: number): number {
    return this.has(goal) ? this.count[goal]! : 0;
  }

  /** Each goal's times ascending, back to back (fromOf, countOf); valid until the next load. */
  get timeList(): Float64Array {
    return this.times;
  }
}
