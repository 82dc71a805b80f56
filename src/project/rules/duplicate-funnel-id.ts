import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const duplicateFunnelId: Rule = {
  id: "duplicate-funnel-id",
  severity: "error",
  summary: "Funnel ids are unique across all goal files.",
  check: (project) => {
    const seen = new Map<string, string>();
    const out: Finding[] = [];
    for (const f of project.funnels) {
      const prev = seen.get(f.id);
      if (prev)
        out.push({
          message: `Funnel id "${f.id}" is already defined in ${prev}.`,
          at: refIn(f.source, "id"),
        });
      else seen.set(f.id, f.source.file);
    }
    return out;
  },
};
