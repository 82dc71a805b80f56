// The export bench's merch project (test/export/merch-project.ts: purchase and eight micro goals,
// the two checkout funnels) as a project directory in YAML, for the shipped CLI to load as a user's
// project: the same goals and pairs the reference query counts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { merchMicros } from "../test/export/merch-project.js";

/** Event names GA4 reserves that the spec accepts only with `reserved_event: true`. */
const reserved = new Set(["view_search_results"]);

/** `secondary`: every micro goal has `role: secondary` (the adjusted effects run for every pair). */
export function writeMerchProjectDir(dir: string, opts: { secondary?: boolean } = {}): string {
  mkdirSync(join(dir, "goals"), { recursive: true });
  writeFileSync(
    join(dir, "microgoals.yaml"),
    [
      "version: 1",
      "name: Google Merchandise Store",
      "default_target: sample",
      "targets:",
      "  sample:",
      '    gtm: { account: "6000003", container: "9000003", workspace: microgoals }',
      '    ga4: { property: "213025502", measurement_id: G-MERCH00001 }',
      "install_google_tag: false",
      "report:",
      '  since: "2020-11-01"',
      '  until: "2020-11-08"',
      "  window: 7d",
      "  min_users: 50",
      "  currency: USD",
      "",
    ].join("\n"),
  );
  const goal = (id: string, kind: "macro" | "micro") =>
    [
      `  - id: ${id}`,
      `    title: ${id}`,
      `    kind: ${kind}`,
      ...(kind === "micro" ? ["    leads_to: [purchase]"] : []),
      ...(kind === "micro" && opts.secondary ? ["    role: secondary"] : []),
      ...(reserved.has(id) ? ["    reserved_event: true"] : []),
      "    trigger:",
      "      data_layer:",
      `        event: ${id}`,
    ].join("\n");
  const funnel = (id: string, title: string, open: boolean) =>
    [
      `  - id: ${id}`,
      `    title: ${title}`,
      "    steps: [view_item, add_to_cart, begin_checkout, purchase]",
      "    window: 1d",
      ...(open ? ["    open: true"] : []),
    ].join("\n");
  writeFileSync(
    join(dir, "goals/store.yaml"),
    [
      "goals:",
      goal("purchase", "macro"),
      ...merchMicros.map((m) => goal(m, "micro")),
      "funnels:",
      funnel("checkout", "Checkout", false),
      funnel("checkout_open", "Checkout (open)", true),
      "",
    ].join("\n"),
  );
  return dir;
}
