// Where the parts of a goal are written, for findings that should point at them.
import type { Condition, Goal, SourceRef } from "../model.js";
import { childPointer } from "../pointer.js";

export function refIn(base: SourceRef, ...segments: (string | number)[]): SourceRef {
  return { file: base.file, pointer: childPointer(base.pointer, ...segments) };
}

/** The explicit `event:` if written, else the `id:` the event name was derived from. */
export function eventRef(goal: Goal, has: (ref: SourceRef) => boolean): SourceRef {
  const explicit = refIn(goal.source, "event");
  return has(explicit) ? explicit : refIn(goal.source, "id");
}

/** A condition's operand: `{matches: "…"}` → its `matches` node; a plain string → the string itself. */
export function conditionValueRef(c: Condition, has: (ref: SourceRef) => boolean): SourceRef {
  const inner = refIn(c.source, c.op);
  return has(inner) ? inner : c.source;
}
