import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const formFieldTrigger: Rule = {
  id: "form-field-trigger",
  severity: "error",
  summary: "form_field parameters need a form_submit trigger (there is no form otherwise).",
  check: (project) =>
    project.goals
      .filter((g) => g.trigger.kind !== "form_submit")
      .flatMap((g) =>
        g.params
          .filter((p) => "formField" in p.from)
          .map(
            (p): Finding => ({
              message: `Parameter "${p.name}" reads a form field, but goal "${g.id}" fires on ${g.trigger.kind}, not form_submit.`,
              at: refIn(p.source, "form_field"),
            }),
          ),
      ),
};
