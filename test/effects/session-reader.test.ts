// The sessions query's rows arrive in any order, in chunks; the reader orders them by user key,
// then start and session id, and computes what the SQL used to: the history at each session's
// start, first medium and source (the least, in byte order), days since the first visit.
import { describe, expect, it } from "vitest";
import { categoryValues } from "../../src/report/effects/category.js";
import { SessionHistoryBuilder } from "../../src/report/sources/export/read-exposure.js";
import { orderByKey, UserIndex } from "../../src/report/sources/export/user-keys.js";
import { mulberry32 } from "../../src/seeded-random.js";

const DAY = 86_400_000_000;

interface Row {
  kh: number;
  kl: number;
  st: number;
  sid: number;
  n_pv: number;
  n_ev: number;
  n_eng: number;
  ftt: number | null;
  device: string | null;
  medium: string | null;
  source: string | null;
  landing: string | null;
}

function columns(rows: Row[]) {
  const keys = Object.keys(rows[0]!) as (keyof Row)[];
  return Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k])]));
}

const session = (kh: number, kl: number, st: number, sid: number, extra: Partial<Row> = {}): Row => ({
  kh,
  kl,
  st,
  sid,
  n_pv: 1,
  n_ev: 2,
  n_eng: 1500,
  ftt: null,
  device: "mobile",
  medium: "organic",
  source: "google",
  landing: "/",
  ...extra,
});

describe("session rows in any order", () => {
  it("orders users by key and sessions by start, then session id, across chunks", () => {
    const t = 1_700_000_000_000_000;
    // user (2, 5): 40 sessions (past the insertion sort), two of them starting together
    const many = Array.from({ length: 40 }, (_, i) =>
      session(2, 5, t + (i === 39 ? 1 : i + 1) * 1e6, 100 - i, i === 39 ? { n_pv: 5 } : {}),
    );
    const rows = [
      session(2 ** 32 - 1, 7, t, 1, { medium: "referral" }),
      ...many,
      session(0, 9, t + 5e6, 2, { ftt: t - 3 * DAY, medium: "(none)", source: null }),
      session(0, 9, t, 1, { ftt: t - DAY, medium: "organic", source: "bing" }),
    ];
    const shuffled = [...rows];
    const rand = mulberry32(3);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const b = new SessionHistoryBuilder();
    b.add(columns(shuffled.slice(0, 17)));
    b.add(columns(shuffled.slice(17)));
    const { history: h, keys } = b.finish();
    expect([...keys]).toEqual([0, 9, 2, 5, 2 ** 32 - 1, 7]);
    expect(h.users).toBe(3);
    expect([...h.user]).toEqual([0, 0, ...many.map(() => 1), 2]);
    // user (0, 9): first touch is the least over its sessions; "(none)" sorts before "organic"
    expect([...h.daysSinceFirstVisit.subarray(0, 2)]).toEqual([3, 3]);
    expect(categoryValues(h.firstMedium).slice(0, 2)).toEqual(["(none)", "(none)"]);
    expect(categoryValues(h.firstSource).slice(0, 2)).toEqual(["bing", "bing"]);
    // user (2, 5): the two sessions at t + 1 s (ids 100 and 61), then by time
    const starts = [...h.start.subarray(2, 42)];
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(starts[0]).toBe((t + 1e6) / 1e6);
    expect(starts[1]).toBe((t + 1e6) / 1e6);
    expect(starts[2]).toBe((t + 2e6) / 1e6);
    // id 61 (5 page views) before id 100: the second session has 5 page views before it
    expect(h.pageViewsSoFar[3]).toBe(5);
    expect([...h.sessionsSoFar.subarray(2, 42)]).toEqual(many.map((_, i) => i));
    expect(h.pageViewsSoFar[41]).toBe(43);
    expect(h.eventsSoFar[41]).toBe(78);
    expect(h.engagedSecondsSoFar[41]).toBe(39 * 1.5);
    // no first touch: days since the first session's start
    expect(h.daysSinceFirstVisit[2]).toBe(0);
  });

  it("reads rows the engine already ordered as it reads them in any order", () => {
    const t = 1_700_000_000_000_000;
    const rows = [
      session(0, 9, t + 5e6, 2, { ftt: t - 3 * DAY, medium: "(none)", source: null }),
      session(2, 5, t + 2e6, 7, { n_pv: 3 }),
      session(0, 9, t, 1, { ftt: t - DAY, medium: "organic", source: "bing" }),
      session(2, 5, t + 2e6, 4, { landing: "/b" }),
      session(1, 0, t, 1),
      session(2, 5, t + 1e6, 9, { device: "desktop" }),
    ];
    const before = (x: Row, y: Row) => x.kh - y.kh || x.kl - y.kl || x.st - y.st || x.sid - y.sid;
    const read = (ordered: Row[]) => {
      const b = new SessionHistoryBuilder();
      b.add(columns(ordered.slice(0, 2)));
      b.add(columns(ordered.slice(2)));
      const { history: h, keys } = b.finish();
      // categories as texts: their codes number them in the order they arrived
      const { device, firstMedium, firstSource, landingPage, ...numbers } = h;
      const texts = [device, firstMedium, firstSource, landingPage].map((c) => categoryValues(c));
      return { keys, numbers, texts };
    };
    const sorted = [...rows].sort(before);
    const expected = read(rows);
    expect(read(sorted)).toEqual(expected);
    expect([...expected.numbers.sessionsSoFar]).toEqual([0, 1, 0, 0, 1, 2]);
    expect([...expected.numbers.pageViewsSoFar]).toEqual([0, 1, 0, 0, 1, 2]);
    // one user's sessions out of order (ties by start, the greater id first): ordered, not trusted
    const outOfOrder = [...sorted];
    [outOfOrder[4], outOfOrder[5]] = [outOfOrder[5]!, outOfOrder[4]!];
    expect(read(outOfOrder)).toEqual(expected);
  });

  it("sorts keys by their high, then low word, stably", () => {
    const hi = Float64Array.from([1, 0, 2 ** 32 - 1, 0, 1, 0]);
    const lo = Float64Array.from([0, 2 ** 31, 0, 65536, 0, 65536]);
    expect([...orderByKey(hi, lo)]).toEqual([3, 5, 1, 0, 4, 2]);
    const index = new UserIndex(Float64Array.from([0, 65536, 1, 0, 2 ** 32 - 1, 0]));
    expect(index.of(1, 0)).toBe(1);
    expect(index.of(2 ** 32 - 1, 0)).toBe(2);
    expect(index.of(0, 0)).toBe(-1);
  });
});
