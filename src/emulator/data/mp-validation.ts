// Measurement Protocol payload validation, answering like /debug/mp/collect:
// validationMessages [{fieldPath, description, validationCode}].
import {
  maxNameLength,
  maxUserPropertyNameLength,
  measurementProtocolReservedEvents,
  nameFormat,
  reservedPrefixOf,
  reservedUserProperties,
} from "../../project/ga4-naming.js";

export interface ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode:
    | "VALUE_INVALID"
    | "VALUE_REQUIRED"
    | "NAME_INVALID"
    | "NAME_RESERVED"
    | "VALUE_OUT_OF_BOUNDS"
    | "EXCEEDED_MAX_ENTITIES"
    | "NAME_DUPLICATED";
}

export interface MpEvent {
  name?: unknown;
  params?: unknown;
  timestamp_micros?: unknown;
}

export interface MpPayload {
  client_id?: unknown;
  user_id?: unknown;
  timestamp_micros?: unknown;
  user_properties?: unknown;
  events?: unknown;
}

export const MAX_EVENTS = 25;
const MAX_PARAMS = 25;
const MAX_USER_PROPERTIES = 25;
const LONG_VALUES: Record<string, number> = { page_title: 300, page_referrer: 420, page_location: 1000 };

const reservedPrefix = (name: string) => reservedPrefixOf(name, { caseSensitive: true }) !== undefined;
const validName = (name: string, max: number) => nameFormat.test(name) && name.length <= max;

/** Problems of the whole request (they make Google drop every event). */
export function validateRequest(payload: unknown): ValidationMessage[] {
  const out: ValidationMessage[] = [];
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    return [
      {
        fieldPath: "",
        description: "Unable to parse Measurement Protocol JSON payload.",
        validationCode: "VALUE_INVALID",
      },
    ];
  }
  const p = payload as MpPayload;
  if (typeof p.client_id !== "string" || p.client_id === "") {
    out.push({
      fieldPath: "client_id",
      description: "Measurement requires a client_id.",
      validationCode: "VALUE_REQUIRED",
    });
  }
  if (p.user_id !== undefined && (typeof p.user_id !== "string" || p.user_id.length > 256)) {
    out.push({
      fieldPath: "user_id",
      description: "user_id must be a string of at most 256 characters.",
      validationCode: "VALUE_INVALID",
    });
  }
  if (!Array.isArray(p.events) || p.events.length === 0) {
    out.push({
      fieldPath: "events",
      description: "Measurement requires at least one event.",
      validationCode: "VALUE_REQUIRED",
    });
  } else if (p.events.length > MAX_EVENTS) {
    out.push({
      fieldPath: "events",
      description: `A maximum of ${MAX_EVENTS} events can be specified per request.`,
      validationCode: "EXCEEDED_MAX_ENTITIES",
    });
  }
  out.push(...validateUserProperties(p.user_properties));
  return out;
}

function validateUserProperties(props: unknown): ValidationMessage[] {
  if (props === undefined) return [];
  if (!props || typeof props !== "object") {
    return [
      {
        fieldPath: "user_properties",
        description: "user_properties must be an object.",
        validationCode: "VALUE_INVALID",
      },
    ];
  }
  const out: ValidationMessage[] = [];
  const names = Object.keys(props);
  if (names.length > MAX_USER_PROPERTIES) {
    out.push({
      fieldPath: "user_properties",
      description: `A maximum of ${MAX_USER_PROPERTIES} user properties can be specified per request.`,
      validationCode: "EXCEEDED_MAX_ENTITIES",
    });
  }
  for (const name of names) {
    const path = `user_properties.${name}`;
    if (!validName(name, maxUserPropertyNameLength)) {
      out.push({
        fieldPath: path,
        description: `User property name [${name}] is invalid. Names must start with a letter, contain only letters, digits and underscores, and be at most 24 characters.`,
        validationCode: "NAME_INVALID",
      });
    } else if (reservedPrefix(name) || reservedUserProperties.has(name)) {
      out.push({
        fieldPath: path,
        description: `User property name [${name}] is reserved.`,
        validationCode: "NAME_RESERVED",
      });
    }
    const value = (props as Record<string, { value?: unknown }>)[name]?.value;
    if (typeof value === "string" && value.length > 36) {
      out.push({
        fieldPath: path,
        description: `User property value [${value}] exceeds 36 characters.`,
        validationCode: "VALUE_OUT_OF_BOUNDS",
      });
    }
  }
  return out;
}

/** Problems of one event (Google drops that event). */
export function validateEvent(e: unknown, index: number): ValidationMessage[] {
  const path = `events[${index}]`;
  if (!e || typeof e !== "object") {
    return [
      {
        fieldPath: path,
        description: `Event at index: [${index}] must be an object.`,
        validationCode: "VALUE_INVALID",
      },
    ];
  }
  const ev = e as MpEvent;
  const out: ValidationMessage[] = [];
  const name = typeof ev.name === "string" ? ev.name : "";
  if (name === "") {
    out.push({
      fieldPath: `${path}.name`,
      description: `Event at index: [${index}] requires a name.`,
      validationCode: "VALUE_REQUIRED",
    });
  } else if (!validName(name, maxNameLength)) {
    out.push({
      fieldPath: `${path}.name`,
      description: `Event at index: [${index}] has invalid name [${name}]. Only alpha-numeric characters and underscores are allowed, the name must start with a letter and be at most 40 characters.`,
      validationCode: "NAME_INVALID",
    });
  } else if (reservedPrefix(name) || measurementProtocolReservedEvents.has(name)) {
    out.push({
      fieldPath: `${path}.name`,
      description: `Event at index: [${index}] has name [${name}] which is reserved.`,
      validationCode: "NAME_RESERVED",
    });
  }
  out.push(...validateParams(ev.params, index));
  return out;
}

function validateParams(params: unknown, index: number): ValidationMessage[] {
  if (params === undefined) return [];
  const path = `events[${index}].params`;
  if (!params || typeof params !== "object" || Array.isArray(params)) {
    return [
      {
        fieldPath: path,
        description: `Event at index: [${index}] has params that are not an object.`,
        validationCode: "VALUE_INVALID",
      },
    ];
  }
  const out: ValidationMessage[] = [];
  const entries = Object.entries(params as Record<string, unknown>);
  if (entries.length > MAX_PARAMS) {
    out.push({
      fieldPath: path,
      description: `Event at index: [${index}] has ${entries.length} params; a maximum of ${MAX_PARAMS} is allowed.`,
      validationCode: "EXCEEDED_MAX_ENTITIES",
    });
  }
  for (const [name, value] of entries) {
    const p = `${path}.${name}`;
    if (!validName(name, maxNameLength)) {
      out.push({
        fieldPath: p,
        description: `Event at index: [${index}] has invalid param [${name}]. Only alpha-numeric characters and underscores are allowed.`,
        validationCode: "NAME_INVALID",
      });
    } else if (reservedPrefix(name)) {
      out.push({
        fieldPath: p,
        description: `Event at index: [${index}] has param [${name}] which is reserved.`,
        validationCode: "NAME_RESERVED",
      });
    }
    if (typeof value === "string" && value.length > (LONG_VALUES[name] ?? 100)) {
      out.push({
        fieldPath: p,
        description: `Event at index: [${index}] has param [${name}] with a value longer than ${LONG_VALUES[name] ?? 100} characters.`,
        validationCode: "VALUE_OUT_OF_BOUNDS",
      });
    } else if (value !== null && typeof value === "object" && !(name === "items" && Array.isArray(value))) {
      out.push({
        fieldPath: p,
        description: `Event at index: [${index}] has param [${name}] whose value is not a string or number.`,
        validationCode: "VALUE_INVALID",
      });
    }
  }
  return out;
}
