// `npm start`: the whole product in under a minute with no Google account. An in-process emulator
// plays GTM and GA4 (with GTM's real quota shape, time-scaled); the example project is planned,
// applied and published through the official clients; synthetic traffic with known effects is
// loaded; the report ranks the micro goals and writes report.html.

import { resolve } from "node:path";
import { hasChanges, isWrite, type Plan } from "../../plan/model.js";
import { plural } from "../../project/format/plural.js";
import { loadValidProject } from "../../project/load-valid.js";
import { projectRules } from "../../report/rules/index.js";
import { daysBefore, demoEffects } from "./demo-traffic.js";
import { truthVsMeasured } from "./truth-vs-measured.js";

export interface DemoOptions {
  dir: string;
  users: number;
  days: number;
  seed: number;
  /** GTM quota windows are divided by this (100: the 100 s window lasts 1 s). */
  timeScale: number;
  html: string;
  color: boolean;
  /** the terminal's columns, so the report's table fits them; undefined = full width */
  width?: number;
  log?: (line: string) => void;
}

export async function runDemo(options: DemoOptions): Promise<{ exitCode: number }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const heading = (text: string) => log(`\n${options.color ? `\u001b[1m${text}\u001b[0m` : text}`);

  const project = await loadValidProject(options.dir, {
    rules: projectRules,
    consequence: "the demo did not start",
  });
  const { compile } = await import("../../compile/compile.js");
  const { startEmulator } = await import("../../emulator/server.js");
  const { planDeploy, applyPlan } = await import("../../deploy/deploy.js");
  const { openSession } = await import("../../gtm/session.js");
  const { renderPlan } = await import("../../plan/render.js");
  const { formatBudget } = await import("../../google/budget.js");
  const { loadTraffic } = await import("../../emulator/traffic/load-traffic.js");
  const { runReport } = await import("../../report/run-report.js");
  const { render } = await import("../../report/render/format.js");
  const { progressReporter } = await import("../progress.js");

  const micro = project.goals.filter((g) => g.kind === "micro").length;
  const macro = project.goals.length - micro;
  log(
    `microgoals demo: "${project.name}", ${macro} macro and ${plural(micro, "micro goal")}, ${plural(project.funnels.length, "funnel")}.`,
  );
  // Any project's containers exist on first use, so `demo <your project>` runs as the example does.
  const emulator = await startEmulator({
    port: 0,
    timeScale: options.timeScale,
    thresholdUsers: 0,
    createOnFirstUse: true,
  });
  log(
    `Built-in emulator for GTM and GA4 on ${emulator.url} (GTM quota 25 calls / 100 s, time-scaled ×${options.timeScale}).`,
  );
  try {
    const desired = compile(project);
    const session = await openSession({
      endpoint: emulator.url,
      timeScale: options.timeScale,
      scopes: "publish",
    });

    heading(`1. Plan: what microgoals would change in container ${desired.gtm.containerId}`);
    const planned = await planDeploy(desired, { session });
    log(renderPlan(planned.plan).trimEnd());

    heading("2. Apply and publish");
    const bar = await progressReporter(log);
    const applied = await applyPlan(
      { desired },
      { session, publish: true, version: demoVersion(), onProgress: bar.update },
    ).finally(() => bar.stop());
    log(
      `GTM: ${applied.gtm.created} created, ${applied.gtm.updated} updated, ${applied.gtm.deleted} deleted; ` +
        `GA4: ${applied.ga4.created} created.`,
    );
    if (applied.published) log(`Published container version ${applied.published.versionId}.`);
    log(formatBudget(applied.budget));
    const again = await planDeploy(desired, { session });
    log(replanLine(again.plan));

    heading(`3. Traffic: ${options.users.toLocaleString("en")} synthetic users over ${options.days} days`);
    const now = new Date();
    const target = project.targets.find((t) => t.name === project.defaultTarget)!;
    const t0 = Date.now();
    const truth = loadTraffic(emulator.events, target.ga4.propertyId, project, {
      seed: options.seed,
      startDate: daysBefore(now, options.days),
      days: options.days,
      users: options.users,
      // The example store's story; any other project gets the generator's default effects.
      effects: project.goals.some((g) => g.id in demoEffects) ? demoEffects : undefined,
    });
    log(
      `${emulator.events.count.toLocaleString("en")} events loaded in ${Date.now() - t0} ms. ` +
        `Built in: ${describeTruth(truth.pairs)}.`,
    );

    heading("4. Report: which micro goals lead to the macro goals");
    const report = await runReport({
      project,
      endpoint: emulator.url,
      since: `${options.days}daysAgo`,
      until: "today",
      format: "table",
      color: options.color,
      width: options.width,
    });
    log(report.output.trimEnd());
    log("\nGround truth vs report, strong built-in effects (true lift, measured lift [95% CI]):");
    const checks = truthVsMeasured(truth, report.analysis);
    for (const line of checks) log(`  ${line}`);
    const misses = checks.filter((l) => l.endsWith("(truth outside the interval)")).length;
    // Intervals are honest, not magic: say what a miss means rather than pick a seed that hides it.
    if (misses > 0)
      log(`  ${misses} of ${checks.length} missed: a 95% interval misses the truth about 1 time in 20.`);
    const html = resolve(options.html);
    const { writeReport } = await import("../../files/write-report.js");
    await writeReport(html, render(report.analysis, "html"));
    log(`\nWrote ${html}`);

    heading("5. Confounded traffic: true effect, crude association, adjusted effect");
    log(
      "Intent drives arrival, device, visits and both micro and macro goals; each secondary action has a known effect (docs/effects.md).",
    );
    const { confoundedDemo } = await import("./confounded-demo.js");
    const confounded = await confoundedDemo(project, {
      seed: options.seed,
      users: Math.min(options.users, 6000),
      startDate: daysBefore(now, 56),
      days: 56,
    });
    for (const line of confounded) log(`  ${line}`);

    heading("Next: your own container");
    log("  microgoals init my-site --template ecommerce   # or lead-gen, saas, content");
    log("  microgoals validate my-site && microgoals plan my-site   # with Application Default Credentials");
    log("  See README.md: credentials, targets, first apply, import of an existing container, scheduling.");
    log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return { exitCode: 0 };
  } finally {
    await emulator.close();
  }
}

/** The effects the traffic was generated with (this project's own), strong ones and none at all. */
export function describeTruth(pairs: readonly { micro: string; macro: string; effect: number }[]): string {
  const strong = pairs.filter((p) => p.effect >= 2).map((p) => `${p.micro}→${p.macro} ×${p.effect}`);
  const micros = [...new Set(pairs.map((p) => p.micro))];
  const none = micros.filter((m) => pairs.every((p) => p.micro !== m || p.effect === 1));
  const parts = [
    strong.length > 0 ? `strong effects ${strong.join(", ")}` : "no strong effects",
    ...(none.length > 0 ? [`no effect at all for ${none.join(", ")}`] : []),
  ];
  return parts.join("; ");
}

/** "Re-plan after apply: N changes", "(converged)" only when the plan really has none. */
export function replanLine(plan: Plan): string {
  const n =
    plan.gtm.changes.filter((c) => isWrite(c.action)).length +
    plan.ga4.changes.filter((c) => isWrite(c.action)).length +
    plan.gtm.enableBuiltIns.length +
    (plan.gtm.folder.action === "noop" ? 0 : 1) +
    plan.gtm.moveToFolder.length;
  const converged = !hasChanges(plan);
  return `Re-plan after apply: ${n} ${n === 1 ? "change" : "changes"}${converged ? " (converged)" : " (NOT converged: apply left differences)"}.`;
}

function demoVersion(): { name: string; notes: string } {
  return { name: "microgoals demo", notes: "Published by `npm start` against the built-in emulator." };
}
