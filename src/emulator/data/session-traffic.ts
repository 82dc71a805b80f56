// GA4's session-scoped traffic dimensions: sessionSource, sessionMedium, sessionCampaignName and
// sessionDefaultChannelGroup. Every event of a session carries its session's values.
//
// A session's traffic source is read from the events as the GA4 export carries it: the `source`,
// `medium` and `campaign` event parameters (GA4 collects them from the landing URL's utm_* and
// click ids; the export has them on the session's tagged hits, never on session_start in the
// Merchandise Store sample, which predates the export's collected_traffic_source and
// session_traffic_source_last_click columns). The session takes the parameters of its earliest
// event carrying any of them (ties: event name), a field missing there is "(not set)", and a
// session with none is direct: "(direct)" / "(none)" / "(direct)", as GA4 labels it. This is the
// export path's rule (report/sources/export/breakdown-query.ts), so both read one session alike.
// The channel is GA4's rule table (report/breakdown/channel-group.ts) over the session's source and
// medium. Values are computed over all of the session's events, whatever a request's date range
// (GA4 fixes a session's attributes when it processes the session, not per report).
import { channelOf } from "../../report/breakdown/channel-group.js";
import { Dictionary } from "./dictionary.js";
import type { EventColumns, EventStore } from "./event-store.js";

interface DimensionAccessor {
  name: string;
  code(i: number): number;
  label(code: number): string;
}

export const SESSION_TRAFFIC_DIMENSIONS = [
  "sessionSource",
  "sessionMedium",
  "sessionCampaignName",
  "sessionDefaultChannelGroup",
] as const;
export type SessionTrafficDimension = (typeof SESSION_TRAFFIC_DIMENSIONS)[number];

const NOT_SET = "(not set)";
const FIELDS = ["source", "medium", "campaign"] as const;
const DIRECT = ["(direct)", "(none)", "(direct)"] as const;

/** Per session code: the labels of source, medium and campaign in `labels`. */
interface SessionTraffic {
  version: number;
  labels: Dictionary;
  /** session code → [source, medium, campaign] label codes; absent: direct */
  bySession: Map<number, [number, number, number]>;
  direct: [number, number, number];
}

const cache = new WeakMap<EventStore, SessionTraffic>();

function sessionTraffic(store: EventStore, cols: EventColumns): SessionTraffic {
  const hit = cache.get(store);
  if (hit && hit.version === store.version) return hit;
  const labels = new Dictionary();
  const keys = FIELDS.map((f) => store.strings.find(f));
  // session → index of its earliest event with any traffic parameter
  const earliest = new Map<number, number>();
  if (keys.some((k) => k >= 0)) {
    for (let i = 0; i < cols.count; i++) {
      let tagged = false;
      for (let p = cols.paramOffset[i] as number; p < (cols.paramOffset[i + 1] as number) && !tagged; p++)
        tagged = keys.includes(cols.paramKey[p] as number);
      if (!tagged) continue;
      const s = cols.session[i] as number;
      const j = earliest.get(s);
      if (j === undefined || before(store, cols, i, j)) earliest.set(s, i);
    }
  }
  const bySession = new Map<number, [number, number, number]>();
  for (const [s, i] of earliest) {
    const v = keys.map((k) => {
      const x = k < 0 ? undefined : store.param(i, k, cols);
      return labels.intern(x === undefined || x === "" ? NOT_SET : String(x));
    });
    bySession.set(s, v as [number, number, number]);
  }
  const direct = DIRECT.map((d) => labels.intern(d)) as [number, number, number];
  const built = { version: store.version, labels, bySession, direct };
  cache.set(store, built);
  return built;
}

/** Event i comes before event j: earlier, or at the same time with a smaller event name. */
function before(store: EventStore, cols: EventColumns, i: number, j: number): boolean {
  const [ti, tj] = [cols.time[i] as number, cols.time[j] as number];
  if (ti !== tj) return ti < tj;
  return store.strings.value(cols.event[i] as number) < store.strings.value(cols.event[j] as number);
}

export function sessionTrafficAccessor(
  name: SessionTrafficDimension,
  store: EventStore,
  cols: EventColumns,
): DimensionAccessor {
  const t = sessionTraffic(store, cols);
  const values = (i: number) => t.bySession.get(cols.session[i] as number) ?? t.direct;
  if (name !== "sessionDefaultChannelGroup") {
    const field = name === "sessionSource" ? 0 : name === "sessionMedium" ? 1 : 2;
    return { name, code: (i) => values(i)[field], label: (c) => t.labels.value(c) };
  }
  const channels = new Dictionary();
  const byPair = new Map<string, number>();
  return {
    name,
    code(i) {
      const [s, m] = values(i);
      const key = `${s}/${m}`;
      let c = byPair.get(key);
      if (c === undefined) {
        c = channels.intern(channelOf(t.labels.value(s), t.labels.value(m)));
        byPair.set(key, c);
      }
      return c;
    },
    label: (c) => channels.value(c),
  };
}
