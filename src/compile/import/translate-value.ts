// GTM template text → the spec's value sources and `when:` conditions. Only exact references to
// things the spec can express translate: a built-in ({{Page Path}}), a version-2 data-layer
// variable, a microgoals form-field variable, or a literal. Anything else is a reason to skip.
import type { BuiltinName } from "../../project/model.js";
import { BUILT_IN_BY_DISPLAY_NAME } from "../built-in-variables.js";
import { MODEL_CONDITION_OP } from "../conditions.js";
import type { GtmCondition } from "../desired-state.js";
import { parseFormFieldScript } from "../variables/form-field.js";
import { type ExportLookup, param } from "./export-lookup.js";

export class Untranslatable extends Error {}

export type YamlSource =
  | { builtin: BuiltinName }
  | { data_layer: string }
  | { constant: string }
  | { form_field: string };

export function translateValue(text: string, lookup: ExportLookup): YamlSource {
  const m = /^\{\{([^{}]+)\}\}$/.exec(text);
  if (!m) {
    if (text.includes("{{")) throw new Untranslatable(`value "${text}" mixes text and variables`);
    return { constant: text };
  }
  const name = m[1]!;
  const builtin = BUILT_IN_BY_DISPLAY_NAME.get(name);
  if (builtin) return { builtin };
  const v = lookup.variables.get(name);
  if (!v) throw new Untranslatable(`unknown variable {{${name}}}`);
  if (v.type === "v") {
    const path = param(v.parameter, "name")?.value;
    const version = param(v.parameter, "dataLayerVersion")?.value ?? "2";
    if (path && version === "2") return { data_layer: path };
  }
  if (v.type === "jsm") {
    const field = parseFormFieldScript(param(v.parameter, "javascript")?.value ?? "");
    if (field) return { form_field: field };
  }
  throw new Untranslatable(`unsupported variable {{${name}}} (type ${v.type})`);
}

const NUMERIC = new Set(["gt", "gte", "lt", "lte"]);

/** A GTM condition as a `when:` item: {builtin|data_layer: x, <op>: value, negate?, ignore_case?}. */
export function translateCondition(c: GtmCondition, lookup: ExportLookup): Record<string, unknown> {
  const op = MODEL_CONDITION_OP.get(c.type);
  if (!op) throw new Untranslatable(`condition type ${c.type}`);
  const arg0 = param(c.parameter, "arg0")?.value ?? "";
  const arg1 = param(c.parameter, "arg1")?.value ?? "";
  const subject = translateValue(arg0, lookup);
  if (!("builtin" in subject) && !("data_layer" in subject)) {
    throw new Untranslatable(`condition on ${arg0}: only built-in and data-layer values can be conditions`);
  }
  if (arg1.includes("{{")) throw new Untranslatable(`condition compares with a variable (${arg1})`);
  let value: string | number = arg1;
  if (NUMERIC.has(op)) {
    value = Number(arg1);
    if (arg1.trim() === "" || !Number.isFinite(value))
      throw new Untranslatable(`numeric condition with value "${arg1}"`);
  }
  const item: Record<string, unknown> = { ...subject, [op]: value };
  if (param(c.parameter, "negate")?.value === "true") item.negate = true;
  if (param(c.parameter, "ignore_case")?.value === "true") item.ignore_case = true;
  return item;
}
