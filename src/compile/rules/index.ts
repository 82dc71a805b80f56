// Validation rules that need the compiler's knowledge; loadProject runs them when given them.
import type { Rule } from "../../project/rules/rule.js";
import { compileTemplateBraces } from "./template-braces.js";

export const compileRules: readonly Rule[] = [compileTemplateBraces];
