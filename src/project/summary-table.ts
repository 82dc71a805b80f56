// The goal table `validate` prints for a valid project: one row per goal, fixed-width columns.

import { printable } from "../terminal-text.js";
import { plural } from "./format/plural.js";
import type { Goal, Project } from "./model.js";

const header = ["id", "kind", "role", "trigger", "event", "key event", "leads_to"];

function row(g: Goal): string[] {
  const key = g.keyEvent ? (g.keyEvent.counting === "once_per_session" ? "per session" : "per event") : "-";
  return [g.id, g.kind, g.role ?? "-", g.trigger.kind, g.event, key, g.leadsTo.join(", ") || "-"];
}

export function summaryTable(project: Project): string {
  const rows = [header, ...project.goals.map(row)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const render = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const macros = project.goals.filter((g) => g.kind === "macro").length;
  return [
    render(rows[0]!),
    render(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(render),
    "",
    `${printable(project.name)}: ${plural(project.goals.length, "goal")} (${macros} macro, ${project.goals.length - macros} micro), ${plural(project.funnels.length, "funnel")}, ${plural(project.files.length, "file")}.`,
  ].join("\n");
}
