// Measurement Protocol (GA4): POST /mp/collect writes valid events into the store and always
// answers 204, as Google answers 2xx even for bad payloads; /debug/mp/collect validates only
// and returns {validationMessages}. Invalid events are dropped; request-level problems drop all.

import { pagePathOf } from "../../report/query-plan.js";
import type { EmulatorRequest, Route } from "../http/route.js";
import type { EventStore, ParamValue } from "./event-store.js";
import {
  type MpEvent,
  type MpPayload,
  type ValidationMessage,
  validateEvent,
  validateRequest,
} from "./mp-validation.js";

export interface MeasurementProtocolOptions {
  /** measurement id (G-XXXX) → GA4 property id; default: the measurement id itself */
  propertyFor?(measurementId: string): string | undefined;
  /** clock for events without timestamp_micros (ms) */
  clock?: () => number;
}

const MAX_BODY_BYTES = 130 * 1024;

export function measurementProtocolRoutes(
  store: EventStore,
  options: MeasurementProtocolOptions = {},
): Route[] {
  const clock = options.clock ?? Date.now;
  const check = (req: EmulatorRequest): { messages: ValidationMessage[]; valid: number[] } => {
    const messages: ValidationMessage[] = [];
    if (!req.query.get("measurement_id")) {
      messages.push({
        fieldPath: "measurement_id",
        description: "Measurement requires a measurement_id query parameter.",
        validationCode: "VALUE_REQUIRED",
      });
    }
    if (!req.query.get("api_secret")) {
      messages.push({
        fieldPath: "api_secret",
        description: "Measurement requires an api_secret query parameter.",
        validationCode: "VALUE_REQUIRED",
      });
    }
    if (JSON.stringify(req.body ?? "").length > MAX_BODY_BYTES) {
      messages.push({
        fieldPath: "",
        description: "Payload exceeds the 130kB limit.",
        validationCode: "VALUE_OUT_OF_BOUNDS",
      });
    }
    messages.push(...validateRequest(req.body));
    const requestOk = messages.length === 0;
    const valid: number[] = [];
    const events = Array.isArray((req.body as MpPayload | undefined)?.events)
      ? ((req.body as MpPayload).events as unknown[])
      : [];
    for (const [i, e] of events.entries()) {
      const problems = validateEvent(e, i);
      messages.push(...problems);
      if (requestOk && problems.length === 0) valid.push(i);
    }
    return { messages, valid };
  };

  return [
    {
      method: "POST",
      pattern: /^\/mp\/collect$/,
      api: "mp",
      write: true,
      handle(req) {
        const { valid } = check(req);
        const measurementId = req.query.get("measurement_id") ?? "";
        const propertyId = options.propertyFor ? options.propertyFor(measurementId) : measurementId;
        if (propertyId === undefined || valid.length === 0) return { status: 204 };
        const p = req.body as MpPayload;
        const events = p.events as MpEvent[];
        const now = clock() * 1000;
        for (const i of valid) store.append(toStored(events[i] as MpEvent, p, propertyId, now));
        return { status: 204 };
      },
    },
    {
      method: "POST",
      pattern: /^\/debug\/mp\/collect$/,
      api: "mp",
      write: false,
      handle(req) {
        return { status: 200, body: { validationMessages: check(req).messages } };
      },
    },
  ];
}

function toStored(e: MpEvent, p: MpPayload, propertyId: string, nowMicros: number) {
  const raw = (e.params ?? {}) as Record<string, unknown>;
  const params: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === "string" || typeof v === "number") params[k] = v;
    else if (typeof v === "boolean") params[k] = String(v);
  }
  const ts = Number(e.timestamp_micros ?? p.timestamp_micros ?? nowMicros);
  return {
    propertyId,
    userId: p.client_id as string,
    sessionId: String(params.session_id ?? "(not set)"),
    timestampMicros: Number.isFinite(ts) ? ts : nowMicros,
    eventName: e.name as string,
    // The project's one page-path rule (report/query-plan.ts), as the export loader and Data API filters use.
    pagePath: pagePathOf(typeof params.page_location === "string" ? params.page_location : undefined),
    sessionSource: typeof params.source === "string" ? params.source : "(not set)",
    params,
  };
}
