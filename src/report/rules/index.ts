// Validation rules that need the report's knowledge, and the full rule set of a project: the
// project's own rules plus every owner's (report is the highest library layer, so it composes them).
import { compileRules } from "../../compile/rules/index.js";
import { rules as coreRules } from "../../project/rules/index.js";
import type { Rule } from "../../project/rules/rule.js";
import { reportUncheckedCondition } from "./unchecked-condition.js";

export const reportRules: readonly Rule[] = [reportUncheckedCondition];

/** Every rule microgoals checks a project against (what `validate` runs). */
export const projectRules: readonly Rule[] = [...coreRules, ...compileRules, ...reportRules];
