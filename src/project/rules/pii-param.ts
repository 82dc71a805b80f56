import type { Goal, ParamSpec } from "../model.js";
import { emailLike, phoneLike, piiWordIn } from "./pii-words.js";
import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

const hint = "GA4 must never receive personal data. Remove the parameter or send a non-personal value.";

function check(goal: Goal, p: ParamSpec): Finding | undefined {
  const byName = piiWordIn(p.name);
  if (byName)
    return {
      message: `Parameter "${p.name}" looks like personal data ("${byName}").`,
      at: p.source,
      atKey: true,
      hint,
    };
  const from = p.from;
  if ("dataLayer" in from || "formField" in from) {
    const [key, path] = "dataLayer" in from ? ["data_layer", from.dataLayer] : ["form_field", from.formField];
    const word = piiWordIn(path);
    if (word)
      return {
        message: `Parameter "${p.name}" takes personal data from ${key} "${path}" ("${word}").`,
        at: refIn(p.source, key),
        hint,
      };
  }
  if ("constant" in from && typeof from.constant === "string") {
    if (emailLike.test(from.constant) || phoneLike.test(from.constant)) {
      return {
        message: `Constant value of "${p.name}" looks like an email address or phone number.`,
        at: refIn(p.source, "constant"),
        hint,
      };
    }
  }
  // The URL or text of a mailto:/tel: link is the address itself.
  if ("builtin" in from && goal.trigger.kind === "link_click" && goal.trigger.protocols?.length) {
    if (from.builtin === "click_url" || from.builtin === "click_text") {
      return {
        message: `Parameter "${p.name}" sends ${from.builtin} of a ${goal.trigger.protocols.join("/")} link: the email address or phone number.`,
        at: refIn(p.source, "builtin"),
        hint,
      };
    }
  }
  return undefined;
}

export const piiParam: Rule = {
  id: "pii-param",
  severity: "error",
  summary: "No parameter whose name or source looks like personal data (email, phone, name, address, …).",
  check: (project) => project.goals.flatMap((g) => g.params.flatMap((p) => check(g, p) ?? [])),
};
