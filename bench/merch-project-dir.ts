// The export bench's merch project (test/export/merch-project.ts: purchase and eight micro goals,
// the two checkout funnels) written as a project directory in YAML, for the shipped CLI to load as
// a user's project: the same goals and pairs the reference query counts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { merchProject } from "../test/export/merch-project.js";

/** Event names GA4 reserves that the spec accepts only with `reserved_event: true`. */
const reserved = new Set(["view_search_results"]);

const days = (seconds: number) => `${seconds / 86400}d`;

/**
 * A micro goal defined by the page (as examples/merch-store's view_apparel): a page_view whose path
 * contains /apparel/, any case. Its hits are read from event_params (page_location), the costly
 * part of an export scan.
 */
const PAGE_GOAL = [
  "  - id: view_apparel",
  "    title: Browsed the apparel category",
  "    kind: micro",
  "    leads_to: [purchase]",
  "    event: page_view",
  "    reserved_event: true",
  "    trigger:",
  "      page_view:",
  "        path: { contains: /apparel/, ignore_case: true }",
].join("\n");

/**
 * `secondary`: every micro goal has `role: secondary` (the adjusted effects run for every pair).
 * `pageGoal`: with PAGE_GOAL beside the event goals (bench/reference-page-pairs.sql counts it too).
 */
export function writeMerchProjectDir(
  dir: string,
  opts: { secondary?: boolean; pageGoal?: boolean } = {},
): string {
  const p = merchProject();
  mkdirSync(join(dir, "goals"), { recursive: true });
  writeFileSync(
    join(dir, "microgoals.yaml"),
    [
      "version: 1",
      `name: ${p.name}`,
      "default_target: sample",
      "targets:",
      "  sample:",
      '    gtm: { account: "6000003", container: "9000003", workspace: microgoals }',
      '    ga4: { property: "213025502", measurement_id: G-MERCH00001 }',
      "install_google_tag: false",
      "report:",
      `  since: "${p.report.since}"`,
      `  until: "${p.report.until}"`,
      `  window: ${days(p.report.windowSeconds)}`,
      `  min_users: ${p.report.minUsers}`,
      `  currency: ${p.report.currency}`,
      "",
    ].join("\n"),
  );
  const goals = p.goals.map((g) =>
    [
      `  - id: ${g.id}`,
      `    title: ${g.title}`,
      `    kind: ${g.kind}`,
      ...(g.leadsTo.length > 0 ? [`    leads_to: [${g.leadsTo.join(", ")}]`] : []),
      ...(g.kind === "micro" && opts.secondary ? ["    role: secondary"] : []),
      ...(reserved.has(g.event) ? ["    reserved_event: true"] : []),
      "    trigger:",
      "      data_layer:",
      `        event: ${g.event}`,
    ].join("\n"),
  );
  const funnels = p.funnels.map((f) =>
    [
      `  - id: ${f.id}`,
      `    title: ${f.title}`,
      `    steps: [${f.steps.join(", ")}]`,
      `    window: ${days(f.windowSeconds)}`,
      ...(f.open ? ["    open: true"] : []),
    ].join("\n"),
  );
  const all = [...goals, ...(opts.pageGoal ? [PAGE_GOAL] : [])];
  writeFileSync(join(dir, "goals/store.yaml"), ["goals:", ...all, "funnels:", ...funnels, ""].join("\n"));
  return dir;
}
