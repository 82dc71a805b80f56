import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const piiFormField: Rule = {
  id: "pii-form-field",
  severity: "error",
  summary: "A `pii: true` goal sends no parameters taken from form fields.",
  check: (project) =>
    project.goals
      .filter((g) => g.pii)
      .flatMap((g) =>
        g.params
          .filter((p) => "formField" in p.from)
          .map(
            (p): Finding => ({
              message: `Goal "${g.id}" is marked pii, so parameter "${p.name}" may not come from a form field.`,
              at: refIn(p.source, "form_field"),
              hint: "Send a constant or a data-layer value that carries no personal data.",
            }),
          ),
      ),
};
