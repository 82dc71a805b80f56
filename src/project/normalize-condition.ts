// Condition shorthands → normalized Conditions. `path: /x` means equals; `{contains: x, negate: true}`
// picks the operator; `when:` items name their subject explicitly.
import type { BuiltinName, Condition, ConditionOp, ValueSource } from "./model.js";
import { childPointer } from "./pointer.js";
import type { ShapeIssue } from "./shape-issue.js";

export const conditionOps: readonly ConditionOp[] = [
  "equals",
  "contains",
  "starts_with",
  "ends_with",
  "matches",
  "css",
  "gt",
  "gte",
  "lt",
  "lte",
];

type RawCondition = Record<string, unknown>;

/** A shorthand value (plain string or operator mapping) about a fixed subject. */
export function shorthandCondition(
  raw: unknown,
  subject: ValueSource,
  plainOp: ConditionOp,
  file: string,
  pointer: string,
  issues: ShapeIssue[],
): Condition | undefined {
  if (typeof raw === "string") {
    return { subject, op: plainOp, value: raw, negate: false, ignoreCase: false, source: { file, pointer } };
  }
  return opCondition(raw as RawCondition, subject, file, pointer, issues);
}

/** A `when:` item: {builtin|data_layer: x, <op>: value, negate?, ignore_case?}. */
export function whenCondition(
  raw: RawCondition,
  file: string,
  pointer: string,
  issues: ShapeIssue[],
): Condition | undefined {
  const subjects: ValueSource[] = [];
  if (raw.builtin !== undefined) subjects.push({ builtin: raw.builtin as BuiltinName });
  if (raw.data_layer !== undefined) subjects.push({ dataLayer: raw.data_layer as string });
  if (subjects.length !== 1) {
    issues.push({
      rule: "condition-subject",
      message: `A "when" condition needs exactly one subject (builtin or data_layer); found ${subjects.length}.`,
      pointer,
      hint: "e.g. { data_layer: ecommerce.value, gt: 0 }",
    });
    return undefined;
  }
  return opCondition(raw, subjects[0]!, file, pointer, issues);
}

function opCondition(
  raw: RawCondition,
  subject: ValueSource,
  file: string,
  pointer: string,
  issues: ShapeIssue[],
): Condition | undefined {
  const ops = conditionOps.filter((op) => raw[op] !== undefined);
  if (ops.length !== 1) {
    issues.push({
      rule: "condition-op",
      message:
        ops.length === 0
          ? "Condition has no operator."
          : `Condition has ${ops.length} operators (${ops.join(", ")}); use exactly one.`,
      pointer: ops.length > 1 ? childPointer(pointer, ops[1]!) : pointer,
      hint: `One of: ${conditionOps.join(", ")}. Combine several conditions with "when".`,
    });
    return undefined;
  }
  const op = ops[0]!;
  return {
    subject,
    op,
    value: raw[op] as string | number,
    negate: raw.negate === true,
    ignoreCase: raw.ignore_case === true,
    source: { file, pointer },
  };
}
