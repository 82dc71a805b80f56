// Human plan text: one line per entity that changes (+ create, ~ update with field diff, - delete,
// ! drift), then warnings and a summary with the call estimate. Same plan, same bytes.
import type { FieldDiff, Ga4Change, GtmChange, Plan } from "./model.js";
import { audienceLines } from "./render-audiences.js";

const SIGN = { create: "+", update: "~", delete: "-", drift: "!", noop: " " } as const;

export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  const g = plan.gtm;
  lines.push(
    `Plan for target ${plan.target}: GTM accounts/${g.accountId}/containers/${g.containerId} ` +
      `(workspace "${g.workspaceName}"), GA4 properties/${plan.ga4.propertyId}`,
  );
  if (g.environment)
    lines.push(
      `  --publish points GTM environment "${g.environment}" at the new version (live stays as it is)`,
    );
  lines.push("");
  if (g.folder.action === "create") lines.push(`  + create folder "${g.folderName}"`);
  if (g.enableBuiltIns.length > 0)
    lines.push(`  + enable built-in variables: ${g.enableBuiltIns.join(", ")}`);
  for (const c of g.changes) if (c.action !== "noop") lines.push(...gtmLines(c));
  const created = g.changes.filter((c) => c.action === "create").length;
  if (g.moveToFolder.length > 0)
    lines.push(`  ~ move ${g.moveToFolder.length} owned entities back into folder "${g.folderName}"`);
  for (const c of plan.ga4.changes) if (c.action !== "noop") lines.push(...ga4Lines(c));
  for (const c of plan.ga4.audiences ?? [])
    if (c.action !== "noop") lines.push(...audienceLines(c, diffLines));
  if (g.folder.action === "update")
    lines.push(`  ~ update folder "${g.folderName}" notes (key-event ownership ledger)`);
  if (lines.length === 2) lines.push("  No changes: the live state matches the spec.");
  if (plan.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const w of plan.warnings) lines.push(`  ! ${w}`);
  }
  if (plan.conflicts.length > 0) {
    lines.push("", "Conflicts (apply refuses until they are resolved):");
    for (const c of plan.conflicts) lines.push(`  x ${c}`);
  }
  const all = [...g.changes, ...plan.ga4.changes, ...(plan.ga4.audiences ?? [])];
  const count = (a: string) => all.filter((c) => c.action === a).length;
  // The summary counts what the lines above show: the folder and the built-in variables are a
  // "+" line each, the folder's notes and the move into it a "~" line each.
  const creates =
    count("create") + (g.folder.action === "create" ? 1 : 0) + (g.enableBuiltIns.length > 0 ? 1 : 0);
  const updates =
    count("update") + (g.folder.action === "update" ? 1 : 0) + (g.moveToFolder.length > 0 ? 1 : 0);
  lines.push("");
  lines.push(
    `Plan: ${creates} to create, ${updates} to update, ${count("delete")} to delete, ` +
      `${count("drift")} drifted (left alone), ${count("noop")} unchanged.`,
  );
  const e = plan.estimate;
  lines.push(
    `API calls: ${e.gtmWrites} GTM writes${created > 0 ? " (incl. folder moves)" : ""} + ${e.gtmReads} GTM reads, ` +
      `${e.ga4Writes} GA4 Admin writes; about ${formatSeconds(e.seconds)} under the GTM quota ` +
      `(${formatSeconds(e.publishSeconds)} with --publish; a window's first calls go through, then each waits for a slot).`,
  );
  return `${lines.join("\n")}\n`;
}

function gtmLines(c: GtmChange): string[] {
  const verb = c.action === "drift" ? "drift " : c.action;
  const who = c.goals.length > 0 ? ` (${c.goals.length === 1 ? "goal" : "goals"} ${c.goals.join(", ")})` : "";
  const out = [`  ${SIGN[c.action]} ${verb} ${c.kind} "${c.name}"${who}${c.note ? ` — ${c.note}` : ""}`];
  if (c.action === "update" || c.action === "drift") out.push(...diffLines(c.diff ?? []));
  return out;
}

function ga4Lines(c: Ga4Change): string[] {
  const what = c.kind === "keyEvent" ? "key event" : "custom dimension";
  const verb = c.action === "delete" && c.kind === "customDimension" ? "archive" : c.action;
  let detail = "";
  if (c.action === "create" && c.keyEvent)
    detail = ` (${c.keyEvent.countingMethod}${valueText(c.keyEvent.defaultValue)})`;
  if (c.action === "create" && c.customDimension)
    detail = ` (${c.customDimension.scope}, "${c.customDimension.displayName}")`;
  const out = [`  ${SIGN[c.action]} ${verb} ${what} ${c.key}${detail}`];
  if (c.action === "update") out.push(...diffLines(c.diff ?? []));
  return out;
}

function valueText(v: { numericValue: number; currencyCode: string } | undefined): string {
  return v ? `, value ${v.numericValue} ${v.currencyCode}` : "";
}

function diffLines(diff: FieldDiff[]): string[] {
  return diff.map((d) => `      ${d.path}: ${show(d.before)} → ${show(d.after)}`);
}

function show(v: unknown): string {
  if (v === undefined) return "(none)";
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
