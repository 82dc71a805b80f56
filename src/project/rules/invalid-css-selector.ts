import { loadOnFirstUse } from "../load-on-first-use.js";
import type { SourceRef } from "../model.js";
import { conditionValueRef, refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

// Loaded on the first selector: many projects have none (cold start, issue 19).
const selectorParser = loadOnFirstUse<typeof import("css-selector-parser")>("css-selector-parser");
let parse: ReturnType<typeof import("css-selector-parser").createParser> | undefined;

function problem(selector: string): string | undefined {
  if (selector.trim() === "") return "it is empty";
  try {
    parse ??= selectorParser().createParser({ syntax: "progressive" });
    parse(selector);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export const invalidCssSelector: Rule = {
  id: "invalid-css-selector",
  severity: "error",
  summary: "CSS selectors (click/link/form `selector`, `css` conditions, element_visibility) parse.",
  check: (project, ctx) =>
    project.goals.flatMap((g) => {
      // Where each selector is written: looked up only for a finding (most selectors parse).
      const selectors: { selector: string; at: () => SourceRef }[] = g.trigger.conditions
        .filter((c) => c.op === "css")
        .map((c) => ({ selector: String(c.value), at: () => conditionValueRef(c, ctx.has) }));
      if (g.trigger.kind === "element_visibility") {
        selectors.push({
          selector: g.trigger.selector,
          at: () => refIn(g.source, "trigger", "element_visibility", "selector"),
        });
      }
      return selectors.flatMap(({ selector, at }): Finding[] => {
        const why = problem(selector);
        return why ? [{ message: `Invalid CSS selector "${selector}": ${why}.`, at: at() }] : [];
      });
    }),
};
