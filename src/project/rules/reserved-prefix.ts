import { reservedPrefixes, reservedPrefixOf } from "../ga4-naming.js";
import { eventRef } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const reservedPrefix: Rule = {
  id: "reserved-prefix",
  severity: "error",
  summary: `Event and parameter names may not start with ${reservedPrefixes.map((p) => `"${p}"`).join(", ")}.`,
  check: (project, ctx) =>
    project.goals.flatMap((g) => {
      const out: Finding[] = [];
      const ev = reservedPrefixOf(g.event);
      if (ev) {
        out.push({
          message: `Event name "${g.event}" starts with the reserved prefix "${ev}".`,
          at: eventRef(g, ctx.has),
        });
      }
      for (const p of g.params) {
        const pre = reservedPrefixOf(p.name);
        if (pre) {
          out.push({
            message: `Parameter name "${p.name}" starts with the reserved prefix "${pre}".`,
            at: p.source,
            atKey: true,
          });
        }
      }
      return out;
    }),
};
