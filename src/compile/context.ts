// What a compile pass collects while turning goals into tags and triggers: the built-in variables
// and user variables that templates reference. Variables are shared by everything that uses them.
import type { BuiltinName, ValueSource } from "../project/model.js";
import { BUILT_INS } from "./built-in-variables.js";
import type { GtmVariableBody } from "./desired-state.js";
import { ref } from "./naming.js";
import { dataLayerVariable, dataLayerVariableKey } from "./variables/data-layer.js";
import { formFieldVariable, formFieldVariableKey } from "./variables/form-field.js";

export interface CollectedVariable {
  body: Omit<GtmVariableBody, "notes">;
  goals: Set<string>;
}

export class CompileContext {
  readonly builtIns = new Set<string>();
  readonly variables = new Map<string, CollectedVariable>();
  /** Goal currently being compiled; variables it references list it as an owner. */
  goal = "";

  builtIn(name: BuiltinName): string {
    const b = BUILT_INS[name];
    this.builtIns.add(b.type);
    return ref(b.name);
  }

  variable(key: string, body: Omit<GtmVariableBody, "notes">): string {
    let v = this.variables.get(key);
    if (!v) {
      v = { body, goals: new Set() };
      this.variables.set(key, v);
    }
    if (this.goal) v.goals.add(this.goal);
    return ref(body.name);
  }

  /** The GTM template text that yields a value at runtime, registering what it needs. */
  value(source: ValueSource): string {
    if ("builtin" in source) return this.builtIn(source.builtin);
    if ("dataLayer" in source)
      return this.variable(dataLayerVariableKey(source.dataLayer), dataLayerVariable(source.dataLayer));
    if ("formField" in source) {
      this.builtIn("form_element");
      return this.variable(formFieldVariableKey(source.formField), formFieldVariable(source.formField));
    }
    return String(source.constant);
  }
}
