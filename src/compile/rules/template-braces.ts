// Owned by the compiler (issue 3): GTM reads "{{Name}}" anywhere in a template as a variable
// reference, so a literal value containing braces would make GTM reject or mis-evaluate the
// compiled entity. Rather than fail at compile time, the spec reports it here, at the value.
import type { Condition, Goal } from "../../project/model.js";
import { conditionValueRef, refIn } from "../../project/rules/refs.js";
import type { Finding, Rule } from "../../project/rules/rule.js";

const braces = (v: unknown): boolean => typeof v === "string" && (v.includes("{{") || v.includes("}}"));
const hint = "Remove the double braces: GTM treats {{…}} as a variable reference.";

function conditionFindings(
  goal: Goal,
  has: (r: import("../../project/model.js").SourceRef) => boolean,
): Finding[] {
  return goal.trigger.conditions
    .filter((c: Condition) => braces(c.value) || ("dataLayer" in c.subject && braces(c.subject.dataLayer)))
    .map((c) => ({
      message: `Condition of goal "${goal.id}" contains "{{" or "}}", which GTM cannot compile.`,
      at: conditionValueRef(c, has),
      hint,
    }));
}

export const compileTemplateBraces: Rule = {
  id: "compile-template-braces",
  severity: "error",
  summary: "Literal values never contain {{ or }}: GTM would read them as variable references.",
  check: (project, ctx) => {
    const out: Finding[] = [];
    for (const g of project.goals) {
      out.push(...conditionFindings(g, ctx.has));
      const t = g.trigger;
      if (t.kind === "data_layer" && braces(t.event)) {
        out.push({
          message: `Data-layer event "${t.event}" contains braces.`,
          at: refIn(g.source, "trigger", "data_layer", "event"),
          hint,
        });
      }
      if (t.kind === "element_visibility" && braces(t.selector)) {
        out.push({
          message: `Selector "${t.selector}" contains braces.`,
          at: refIn(g.source, "trigger", "element_visibility", "selector"),
          hint,
        });
      }
      for (const p of g.params) {
        const [key, v] =
          "constant" in p.from
            ? ["constant", p.from.constant]
            : "dataLayer" in p.from
              ? ["data_layer", p.from.dataLayer]
              : "formField" in p.from
                ? ["form_field", p.from.formField]
                : ["", ""];
        if (key && braces(v))
          out.push({
            message: `Parameter "${p.name}" value contains braces.`,
            at: refIn(p.source, key),
            hint,
          });
      }
    }
    return out;
  },
};
