// Constructors for GTM API Parameter values (API shape: lowercase parameter types).
import type { GtmParameter } from "./desired-state.js";

export function template(key: string | undefined, value: string): GtmParameter {
  return key === undefined ? { type: "template", value } : { type: "template", key, value };
}

export function boolean(key: string | undefined, value: boolean): GtmParameter {
  return key === undefined
    ? { type: "boolean", value: String(value) }
    : { type: "boolean", key, value: String(value) };
}

export function integer(key: string, value: number): GtmParameter {
  return { type: "integer", key, value: String(value) };
}

export function list(key: string, items: GtmParameter[]): GtmParameter {
  return { type: "list", key, list: items };
}

/** A GA4 settings-table row: MAP {parameter, parameterValue}. */
export function settingsRow(parameter: string, value: string): GtmParameter {
  return { type: "map", map: [template("parameter", parameter), template("parameterValue", value)] };
}
