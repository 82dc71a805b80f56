// The emulator's GA4 event store: columnar and append-only. Every string field is dictionary
// encoded, every column is a typed array, and event parameters live in a CSR layout (one offset
// per event into flat key/value columns). Nothing per event is kept as a JavaScript object, so
// millions of events cost tens of megabytes, and report queries scan plain arrays.

import { Dictionary } from "./dictionary.js";
import { GrowableColumn } from "./growable.js";

export type ParamValue = string | number;

/** One event as callers append it (pagePath/sessionSource default to "(not set)"). */
export interface EventInput {
  propertyId: string;
  /** user_pseudo_id (client id) */
  userId: string;
  /** ga_session_id; sessions are distinct (userId, sessionId) pairs */
  sessionId: string | number;
  timestampMicros: number;
  eventName: string;
  pagePath?: string;
  sessionSource?: string;
  params?: Readonly<Record<string, ParamValue>>;
  /** device, geo and first-user traffic source (default "(not set)"), see TRAFFIC_FIELDS */
  traffic?: Partial<Record<TrafficField, string>>;
}

/**
 * Per-event fields behind GA4's device, geo and first-user acquisition dimensions (the export's
 * device.category, geo.country and traffic_source.{source,medium,name}).
 */
export const TRAFFIC_FIELDS = [
  "deviceCategory",
  "country",
  "firstUserSource",
  "firstUserMedium",
  "firstUserCampaignName",
] as const;
export type TrafficField = (typeof TRAFFIC_FIELDS)[number];

/** One event as iteration yields it. */
export interface StoredEvent {
  propertyId: string;
  userId: string;
  sessionId: string;
  timestampMicros: number;
  eventName: string;
  pagePath: string;
  sessionSource: string;
  params: Record<string, ParamValue>;
  /** only the traffic fields that are set; absent when none is */
  traffic?: Partial<Record<TrafficField, string>>;
}

/**
 * Events already encoded against this store's dictionaries (bulk loaders: no per-event objects).
 * Every array has one entry per event except the param columns, which hold paramCount[i] entries
 * for event i, in event order.
 */
export interface EncodedEvents {
  count: number;
  /** properties dictionary id, the same for every event */
  property: number;
  user: Uint32Array;
  session: Uint32Array;
  time: Float64Array;
  event: Uint32Array;
  page: Uint32Array;
  /** strings dictionary id, the same for every event */
  source: number;
  paramCount: Uint32Array;
  paramKey: Uint32Array;
  paramStr: Int32Array;
  paramNum: Float64Array;
  /** strings dictionary ids per traffic field (absent: "(not set)" for every event) */
  traffic?: Partial<Record<TrafficField, Uint32Array>>;
}

/** Read-only column views (length = count) for query engines. */
export interface EventColumns {
  count: number;
  property: Uint32Array;
  user: Uint32Array;
  session: Uint32Array;
  time: Float64Array;
  event: Uint32Array;
  page: Uint32Array;
  source: Uint32Array;
  /** params of event i are at [paramOffset[i], paramOffset[i+1]) */
  paramOffset: Uint32Array;
  paramKey: Uint32Array;
  /** dictionary id of a string value, -1 when the value is numeric */
  paramStr: Int32Array;
  paramNum: Float64Array;
  /** strings dictionary ids, one column per traffic field */
  traffic: Record<TrafficField, Uint32Array>;
}

const NOT_SET = "(not set)";

export class EventStore {
  /** Dictionaries are shared by all string columns of one kind. */
  readonly properties = new Dictionary();
  readonly users = new Dictionary();
  readonly sessions = new Dictionary();
  readonly strings = new Dictionary(); // event names, page paths, sources, param keys and values

  private property = new GrowableColumn(Uint32Array);
  private user = new GrowableColumn(Uint32Array);
  private session = new GrowableColumn(Uint32Array);
  private time = new GrowableColumn(Float64Array);
  private event = new GrowableColumn(Uint32Array);
  private page = new GrowableColumn(Uint32Array);
  private source = new GrowableColumn(Uint32Array);
  private paramOffset = new GrowableColumn(Uint32Array);
  private paramKey = new GrowableColumn(Uint32Array);
  private paramStr = new GrowableColumn(Int32Array);
  private paramNum = new GrowableColumn(Float64Array);
  private traffic = Object.fromEntries(
    TRAFFIC_FIELDS.map((f) => [f, new GrowableColumn(Uint32Array)]),
  ) as Record<TrafficField, GrowableColumn<Uint32Array>>;
  private changes = 0;

  constructor() {
    this.paramOffset.push(0);
  }

  get count(): number {
    return this.time.length;
  }

  /** Bumped on every append or clear, so query engines can cache derived indexes. */
  get version(): number {
    return this.changes;
  }

  append(e: EventInput): void {
    this.property.push(this.properties.intern(e.propertyId));
    this.user.push(this.users.intern(e.userId));
    this.session.push(this.sessions.intern(`${e.userId}\u0000${e.sessionId}`));
    this.time.push(e.timestampMicros);
    this.event.push(this.strings.intern(e.eventName));
    this.page.push(this.strings.intern(e.pagePath ?? NOT_SET));
    this.source.push(this.strings.intern(e.sessionSource ?? NOT_SET));
    for (const f of TRAFFIC_FIELDS) this.traffic[f].push(this.strings.intern(e.traffic?.[f] ?? NOT_SET));
    if (e.params) {
      for (const key in e.params) {
        const value = e.params[key] as ParamValue;
        this.paramKey.push(this.strings.intern(key));
        if (typeof value === "number") {
          this.paramStr.push(-1);
          this.paramNum.push(value);
        } else {
          this.paramStr.push(this.strings.intern(value));
          this.paramNum.push(0);
        }
      }
    }
    this.paramOffset.push(this.paramKey.length);
    this.changes++;
  }

  /** Appends pre-encoded events (see EncodedEvents) column by column. */
  appendEncoded(b: EncodedEvents): void {
    this.property.pushRepeated(b.property, b.count);
    this.user.pushAll(b.user.subarray(0, b.count));
    this.session.pushAll(b.session.subarray(0, b.count));
    this.time.pushAll(b.time.subarray(0, b.count));
    this.event.pushAll(b.event.subarray(0, b.count));
    this.page.pushAll(b.page.subarray(0, b.count));
    this.source.pushRepeated(b.source, b.count);
    for (const f of TRAFFIC_FIELDS) {
      const col = b.traffic?.[f];
      if (col) this.traffic[f].pushAll(col.subarray(0, b.count));
      else this.traffic[f].pushRepeated(this.strings.intern(NOT_SET), b.count);
    }
    let offset = this.paramKey.length;
    const offsets = new Uint32Array(b.count);
    for (let i = 0; i < b.count; i++) {
      offset += b.paramCount[i] as number;
      offsets[i] = offset;
    }
    this.paramOffset.pushAll(offsets);
    this.paramKey.pushAll(b.paramKey);
    this.paramStr.pushAll(b.paramStr);
    this.paramNum.pushAll(b.paramNum);
    this.changes++;
  }

  appendBatch(events: Iterable<EventInput>): number {
    let n = 0;
    for (const e of events) {
      this.append(e);
      n++;
    }
    return n;
  }

  clear(): void {
    for (const col of [
      this.property,
      this.user,
      this.session,
      this.time,
      this.event,
      this.page,
      this.source,
      this.paramOffset,
      this.paramKey,
      this.paramStr,
      this.paramNum,
      ...Object.values(this.traffic),
    ]) {
      col.clear();
    }
    this.paramOffset.push(0);
    this.properties.clear();
    this.users.clear();
    this.sessions.clear();
    this.strings.clear();
    this.changes++;
  }

  columns(): EventColumns {
    const n = this.count;
    return {
      count: n,
      property: this.property.data.subarray(0, n),
      user: this.user.data.subarray(0, n),
      session: this.session.data.subarray(0, n),
      time: this.time.data.subarray(0, n),
      event: this.event.data.subarray(0, n),
      page: this.page.data.subarray(0, n),
      source: this.source.data.subarray(0, n),
      paramOffset: this.paramOffset.data.subarray(0, n + 1),
      paramKey: this.paramKey.data.subarray(0, this.paramKey.length),
      paramStr: this.paramStr.data.subarray(0, this.paramStr.length),
      paramNum: this.paramNum.data.subarray(0, this.paramNum.length),
      traffic: Object.fromEntries(
        TRAFFIC_FIELDS.map((f) => [f, this.traffic[f].data.subarray(0, n)]),
      ) as Record<TrafficField, Uint32Array>,
    };
  }

  /** Value of one parameter of event i, or undefined. keyId from strings.find(). */
  param(i: number, keyId: number, cols: EventColumns = this.columns()): ParamValue | undefined {
    for (let p = cols.paramOffset[i] as number; p < (cols.paramOffset[i + 1] as number); p++) {
      if (cols.paramKey[p] === keyId) {
        const s = cols.paramStr[p] as number;
        return s < 0 ? (cols.paramNum[p] as number) : this.strings.value(s);
      }
    }
    return undefined;
  }

  /** Materialises events one at a time (for tests, export, brute-force checks). */
  *events(propertyId?: string): IterableIterator<StoredEvent> {
    const cols = this.columns();
    const only = propertyId === undefined ? -1 : this.properties.find(propertyId);
    if (propertyId !== undefined && only < 0) return;
    for (let i = 0; i < cols.count; i++) {
      if (only >= 0 && cols.property[i] !== only) continue;
      const params: Record<string, ParamValue> = {};
      for (let p = cols.paramOffset[i] as number; p < (cols.paramOffset[i + 1] as number); p++) {
        const s = cols.paramStr[p] as number;
        params[this.strings.value(cols.paramKey[p] as number)] =
          s < 0 ? (cols.paramNum[p] as number) : this.strings.value(s);
      }
      const sessionKey = this.sessions.value(cols.session[i] as number);
      const traffic: Partial<Record<TrafficField, string>> = {};
      for (const f of TRAFFIC_FIELDS) {
        const v = this.strings.value(cols.traffic[f][i] as number);
        if (v !== NOT_SET) traffic[f] = v;
      }
      yield {
        propertyId: this.properties.value(cols.property[i] as number),
        userId: this.users.value(cols.user[i] as number),
        sessionId: sessionKey.slice(sessionKey.indexOf("\u0000") + 1),
        timestampMicros: cols.time[i] as number,
        eventName: this.strings.value(cols.event[i] as number),
        pagePath: this.strings.value(cols.page[i] as number),
        sessionSource: this.strings.value(cols.source[i] as number),
        params,
        ...(Object.keys(traffic).length > 0 ? { traffic } : {}),
      };
    }
  }
}
