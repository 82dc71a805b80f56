import { conditionValueRef } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

// GTM evaluates "matches RegEx" with RE2: no lookaround, no backreferences.
const notRe2: [RegExp, string][] = [
  [/\(\?<?[=!]/, "lookahead/lookbehind"],
  [/\\[1-9]/, "backreferences"],
  [/\\k</, "named backreferences"],
];

export const invalidRegex: Rule = {
  id: "invalid-regex",
  severity: "error",
  summary: "`matches` patterns are valid regular expressions in the RE2 subset GTM uses.",
  check: (project, ctx) =>
    project.goals.flatMap((g) =>
      g.trigger.conditions
        .filter((c) => c.op === "matches")
        .flatMap((c): Finding[] => {
          const pattern = String(c.value);
          // Where the pattern is written: looked up only for a finding (most patterns are fine).
          const at = () => conditionValueRef(c, ctx.has);
          try {
            new RegExp(pattern);
          } catch (e) {
            const why =
              e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : String(e);
            return [
              {
                message: `Invalid regular expression: ${why}.`,
                at: at(),
                hint: 'In a regular expression ( ) [ ] { } . * + ? | \\ ^ $ are special: put a backslash before one to match it literally (in double quotes write "\\\\("), or use starts_with / contains for plain text.',
              },
            ];
          }
          const unsupported = notRe2.find(([re]) => re.test(pattern));
          return unsupported
            ? [
                {
                  message: `Regular expression uses ${unsupported[1]}, which GTM (RE2) does not support.`,
                  at: at(),
                },
              ]
            : [];
        }),
    ),
};
