// The one constant variable holding the GA4 measurement ID; every microgoals tag references it,
// so switching targets changes a single value.
import type { GtmVariableBody } from "../desired-state.js";
import { template } from "../gtm-parameter.js";
import { MEASUREMENT_ID_VARIABLE } from "../naming.js";

export const MEASUREMENT_ID_KEY = "variable:constant:measurement_id";

export function measurementIdVariable(measurementId: string): Omit<GtmVariableBody, "notes"> {
  return { name: MEASUREMENT_ID_VARIABLE, type: "c", parameter: [template("value", measurementId)] };
}
