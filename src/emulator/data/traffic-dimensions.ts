// The derived acquisition dimensions: firstUser* (user-scoped: the value on the user's first event
// in the property, ties broken by event name as the export path does), firstUserDefaultChannelGroup (GA4's channel rules over the
// first-user source and medium, shared with the export path so the two cannot drift),
// newVsReturning (ga_session_number 1 is "new") and landingPage (the page path of the session's
// first page_view). Codes index a local dictionary; caches live until the store changes.
import { channelOf } from "../../report/breakdown/channel-group.js";
import { Dictionary } from "./dictionary.js";
import type { EventColumns, EventStore } from "./event-store.js";

/** dimensions.ts's DimensionAccessor (repeated here: importing it would make a cycle) */
interface DimensionAccessor {
  name: string;
  code(i: number): number;
  label(code: number): string;
}

const NOT_SET = "(not set)";

const firstEvents = new WeakMap<EventStore, { version: number; first: Map<number, number> }>();

/** Event index → index of its user's first event in the same property (cached until the store changes). */
function firstEventOfUser(store: EventStore, cols: EventColumns): (i: number) => number {
  let hit = firstEvents.get(store);
  if (!hit || hit.version !== store.version) {
    const first = new Map<number, number>();
    for (let i = 0; i < cols.count; i++) {
      const key = (cols.property[i] as number) * 4_294_967_296 + (cols.user[i] as number);
      const j = first.get(key);
      if (j === undefined) {
        first.set(key, i);
        continue;
      }
      const [t, tj] = [cols.time[i] as number, cols.time[j] as number];
      if (
        t < tj ||
        (t === tj &&
          store.strings.value(cols.event[i] as number) < store.strings.value(cols.event[j] as number))
      )
        first.set(key, i);
    }
    hit = { version: store.version, first };
    firstEvents.set(store, hit);
  }
  const first = hit.first;
  return (i) => first.get((cols.property[i] as number) * 4_294_967_296 + (cols.user[i] as number)) as number;
}

/** A first-user field: the field's value on the user's first event. */
export function firstUserAccessor(
  name: string,
  column: Uint32Array,
  store: EventStore,
  cols: EventColumns,
): DimensionAccessor {
  const first = firstEventOfUser(store, cols);
  return { name, code: (i) => column[first(i)] as number, label: (c) => store.strings.value(c) };
}

export function channelAccessor(name: string, store: EventStore, cols: EventColumns): DimensionAccessor {
  const labels = new Dictionary();
  const byPair = new Map<number, Map<number, number>>();
  const source = cols.traffic.firstUserSource;
  const medium = cols.traffic.firstUserMedium;
  const first = firstEventOfUser(store, cols);
  return {
    name,
    code(i) {
      const f = first(i);
      const s = source[f] as number;
      const m = medium[f] as number;
      let row = byPair.get(s);
      if (!row) {
        row = new Map();
        byPair.set(s, row);
      }
      let c = row.get(m);
      if (c === undefined) {
        const [sv, mv] = [store.strings.value(s), store.strings.value(m)];
        // Neither known: GA4 cannot assign a channel and says so.
        c = labels.intern(sv === NOT_SET && mv === NOT_SET ? "Unassigned" : channelOf(sv, mv));
        row.set(m, c);
      }
      return c;
    },
    label: (c) => labels.value(c),
  };
}

export function newVsReturningAccessor(
  name: string,
  store: EventStore,
  cols: EventColumns,
): DimensionAccessor {
  const key = store.strings.find("ga_session_number");
  const labels = ["new", "returning", NOT_SET];
  return {
    name,
    code(i) {
      if (key < 0) return 2;
      const n = Number(store.param(i, key, cols));
      if (!Number.isFinite(n) || n < 1) return 2;
      return n <= 1 ? 0 : 1;
    },
    label: (c) => labels[c] as string,
  };
}

const landing = new WeakMap<EventStore, { version: number; pages: Map<number, number> }>();

export function landingPageAccessor(name: string, store: EventStore, cols: EventColumns): DimensionAccessor {
  const notSet = store.strings.intern(NOT_SET);
  let hit = landing.get(store);
  if (!hit || hit.version !== store.version) {
    // session id → [time, page] of its earliest page_view
    const pageView = store.strings.find("page_view");
    const first = new Map<number, number>();
    const at = new Map<number, number>();
    for (let i = 0; pageView >= 0 && i < cols.count; i++) {
      if (cols.event[i] !== pageView) continue;
      const s = cols.session[i] as number;
      const t = cols.time[i] as number;
      const seen = at.get(s);
      if (seen === undefined || t < seen) {
        at.set(s, t);
        first.set(s, cols.page[i] as number);
      }
    }
    hit = { version: store.version, pages: first };
    landing.set(store, hit);
  }
  const pages = hit.pages;
  return {
    name,
    code: (i) => pages.get(cols.session[i] as number) ?? notSet,
    label: (c) => store.strings.value(c),
  };
}
