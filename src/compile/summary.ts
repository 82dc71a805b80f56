// The human summary `microgoals compile` prints: entity counts, then goal → tag, trigger, variables.
import { plural } from "../project/format/plural.js";
import type { DesiredState } from "./desired-state.js";

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

export function summarize(state: DesiredState): string {
  const g = state.gtm;
  const lines = [
    `target ${state.target}: GTM account ${g.accountId} container ${g.containerId} workspace "${g.workspaceName}", GA4 property ${state.ga4.propertyId}`,
    `GTM: ${g.tags.length} tags, ${g.triggers.length} triggers, ${g.variables.length} variables, ${g.builtInVariables.length} built-in variables, folder "${g.folderName}"`,
    `GA4: ${plural(state.ga4.keyEvents.length, "key event")}, ${plural(state.ga4.customDimensions.length, "custom dimension")}`,
    "",
  ];
  const triggerName = new Map(g.triggers.map((t) => [t.key, t.body.name]));
  const goalIds = [...new Set(g.tags.flatMap((t) => (t.key.startsWith("tag:goal:") ? t.goals : [])))].sort();
  const rows: string[][] = [["goal", "tag", "trigger", "variables"]];
  // Indexed once: looking each goal up in the full lists made the summary quadratic.
  const tagByKey = new Map(g.tags.map((t) => [t.key, t]));
  const varsByGoal = new Map<string, string[]>();
  for (const v of g.variables) {
    const name = v.body.name.replace(/^microgoals \u00b7 /, "");
    for (const goal of new Set(v.goals)) {
      const list = varsByGoal.get(goal);
      if (list) list.push(name);
      else varsByGoal.set(goal, [name]);
    }
  }
  for (const id of goalIds) {
    const tag = tagByKey.get(`tag:goal:${id}`)!;
    const vars = varsByGoal.get(id) ?? [];
    rows.push([
      id,
      tag.body.name,
      tag.body.firingTriggerId.map((k) => triggerName.get(k) ?? k).join(", "),
      vars.join(", ") || "-",
    ]);
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    lines.push(
      `${pad(r[0]!, widths[0]!)}  ${pad(r[1]!, widths[1]!)}  ${pad(r[2]!, widths[2]!)}  ${r[3]}`.trimEnd(),
    );
  return `${lines.join("\n")}\n`;
}
