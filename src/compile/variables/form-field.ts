// A field of the submitted form, read by a Custom JavaScript variable from {{Form Element}}.
// GTM has no built-in for "the value of field X", and this keeps the field name in the spec.
import type { GtmVariableBody } from "../desired-state.js";
import { template } from "../gtm-parameter.js";
import { formFieldVariableName } from "../naming.js";

export function formFieldVariableKey(field: string): string {
  return `variable:form_field:${field}`;
}

export function formFieldScript(field: string): string {
  return [
    "function() {",
    "  var form = {{Form Element}};",
    `  var field = form && form.elements ? form.elements[${JSON.stringify(field)}] : undefined;`,
    "  return field ? field.value : undefined;",
    "}",
  ].join("\n");
}

/** Inverse of formFieldScript, for import; undefined when the script is not ours. */
export function parseFormFieldScript(script: string): string | undefined {
  const m = /form\.elements\[("(?:[^"\\]|\\.)*")\]/.exec(script);
  if (!m || !script.includes("{{Form Element}}")) return undefined;
  const field = JSON.parse(m[1]) as string;
  return formFieldScript(field) === script ? field : undefined;
}

export function formFieldVariable(field: string): Omit<GtmVariableBody, "notes"> {
  return {
    name: formFieldVariableName(field),
    type: "jsm",
    parameter: [template("javascript", formFieldScript(field))],
  };
}
