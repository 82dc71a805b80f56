// Data-layer variable (type "v", version 2) for a dotted path; same parameters GTM writes in exports.
import type { GtmVariableBody } from "../desired-state.js";
import { boolean, integer, template } from "../gtm-parameter.js";
import { dataLayerVariableName } from "../naming.js";

export function dataLayerVariableKey(path: string): string {
  return `variable:dlv:${path}`;
}

export function dataLayerVariable(path: string): Omit<GtmVariableBody, "notes"> {
  return {
    name: dataLayerVariableName(path),
    type: "v",
    parameter: [integer("dataLayerVersion", 2), boolean("setDefaultValue", false), template("name", path)],
  };
}
