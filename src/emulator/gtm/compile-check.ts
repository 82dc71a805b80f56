// What makes create_version answer compilerError: references that no longer resolve (a trigger
// deleted after a tag used it) and {{Variable}} references to variables that do not exist or
// built-ins that are not enabled.

import type { EntitySet } from "./types.js";
import { BUILT_IN_TRIGGER_IDS } from "./validate.js";

export function compileErrors(entities: EntitySet): string[] {
  const errors: string[] = [];
  const triggers = new Set(entities.trigger.map((t) => String(t.triggerId)));
  for (const tag of entities.tag) {
    for (const field of ["firingTriggerId", "blockingTriggerId"]) {
      for (const id of (tag[field] as string[] | undefined) ?? []) {
        if (!BUILT_IN_TRIGGER_IDS.has(String(id)) && !triggers.has(String(id))) {
          errors.push(`Tag "${tag.name}" references an unknown trigger ${id}.`);
        }
      }
    }
  }
  const variables = new Set([...entities.variable, ...entities.builtInVariable].map((v) => String(v.name)));
  for (const kind of ["tag", "trigger", "variable"] as const) {
    for (const entity of entities[kind]) {
      for (const name of referencedVariables(entity)) {
        if (!variables.has(name))
          errors.push(`Unknown variable "${name}" found in ${kind} "${entity.name}".`);
      }
    }
  }
  return errors;
}

/** {{Name}} references in any string value of an entity; names starting with "_" are GTM internals. */
function referencedVariables(entity: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      for (const m of value.matchAll(/\{\{([^{}]+)\}\}/g)) if (!m[1].startsWith("_")) found.add(m[1]);
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) if (k !== "name" && k !== "notes") visit(v);
    }
  };
  visit(entity);
  return found;
}
