// Deploy figures against the emulator with GTM's real quota shape (25 calls per sliding 100 s),
// time-scaled ×SCALE: deploys of 10, 100 and 300 goals from empty, then a no-op re-deploy.
// Two optima: the sliding-window bound (quotaSeconds: 25 calls, then each call waits until the call
// 25 before it is 100 s old), which no client can beat, and the issue's simpler model (first 25
// calls free, then 4 s per call), which small deploys cannot reach under a sliding window.
// Last: a second process right after a full deploy, with and without the quota memory file.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../src/compile/compile.js";
import { applyPlan, planDeploy } from "../src/deploy/deploy.js";
import { startEmulator } from "../src/emulator/server.js";
import { openSession } from "../src/gtm/session.js";
import { quotaSeconds } from "../src/plan/estimate.js";
import { loadProjectFromStrings } from "../src/project/load.js";

const SCALE = 100;

function project(goals: number) {
  const files: Record<string, string> = {
    "microgoals.yaml": [
      "version: 1",
      "name: Bench",
      "default_target: bench",
      "targets:",
      "  bench:",
      '    gtm: { account: "6000001", container: "9000001", workspace: microgoals }',
      '    ga4: { property: "400000001", measurement_id: G-BENCH0001 }',
      "limits: { key_events: 30, custom_dimensions: 50 }",
      "",
    ].join("\n"),
  };
  const lines = ["goals:"];
  for (let i = 0; i < goals; i++) {
    // a mix of trigger kinds, each goal with its own trigger and tag
    const trigger =
      i % 3 === 0
        ? `      data_layer: { event: bench_event_${i} }`
        : i % 3 === 1
          ? `      page_view: { path: { equals: /page-${i} } }`
          : `      click: { selector: "#cta-${i}" }`;
    lines.push(
      `  - id: goal_${i}`,
      `    title: Goal ${i}`,
      "    kind: micro",
      "    role: secondary",
      "    leads_to: [macro_0]",
      "    trigger:",
      trigger,
    );
  }
  lines.push(
    "  - id: macro_0",
    "    title: Macro",
    "    kind: macro",
    "    trigger:",
    "      data_layer: { event: macro_0 }",
  );
  files["goals/bench.yaml"] = `${lines.join("\n")}\n`;
  const r = loadProjectFromStrings(files, process.cwd());
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.project || errors.length) throw new Error(errors.map((e) => e.message).join("; "));
  return compile(r.project);
}

export async function run(): Promise<void> {
  await fromEmpty();
  await secondProcess();
}

async function fromEmpty(): Promise<void> {
  for (const n of [10, 100, 300]) {
    const desired = project(n - 1); // n goals including the macro
    const emu = await startEmulator({ port: 0, timeScale: SCALE, pageSize: 200 });
    try {
      const s = await openSession({
        endpoint: emu.url,
        scopes: "apply",
        timeScale: SCALE,
        quotaMemory: false,
      });
      const t0 = performance.now();
      const r = await applyPlan({ desired }, { session: s });
      const wall = ((performance.now() - t0) / 1000) * SCALE; // emulated seconds
      const b = r.budget;
      const gtmCalls = Object.entries(b.byMethod)
        .filter(([m]) => !m.startsWith("keyEvents.") && !m.startsWith("customDimensions."))
        .reduce((x, [, c]) => x + c, 0);
      const optimum = quotaSeconds(gtmCalls);
      const issueModel = Math.max(0, gtmCalls - 25) * 4;
      const kinds = Object.entries(b.byMethod)
        .map(([m, c]) => `${m}=${c}`)
        .join(" ");
      console.log(
        `deploy ${n} goals from empty: ${b.reads} reads + ${b.writes} writes (${gtmCalls} GTM), ` +
          `${b.rateLimited} rate-limit answers, ${b.retries} retries, ${wall.toFixed(0)} s emulated ` +
          `vs sliding-window optimum ${optimum.toFixed(0)} s (ratio ${optimum > 0 ? (wall / optimum).toFixed(2) : "n/a"}), ` +
          `vs issue model 25 free + 4 s/call ${issueModel} s (ratio ${issueModel > 0 ? (wall / issueModel).toFixed(2) : "n/a"})`,
      );
      console.log(`  calls by kind: ${kinds}`);
      // Same process, same quota window.
      const again = (await applyPlan({ desired }, { session: s })).budget;
      console.log(
        `no-op re-deploy ${n} goals: ${again.reads - b.reads} reads, ${again.writes - b.writes} writes, ` +
          `${again.rateLimited - b.rateLimited} rate-limit answers`,
      );
    } finally {
      await emu.close();
    }
  }
}

/** `apply` then `plan` in two "processes" (sessions), as CI runs them, with and without memory. */
async function secondProcess(): Promise<void> {
  // 102 goals: 220 GTM calls, so the apply's last burst leaves 5 of 25 for the plan's 8 reads.
  const desired = project(101);
  const dir = mkdtempSync(join(tmpdir(), "microgoals-bench-"));
  try {
    for (const memory of [false, join(dir, "quota.json")] as const) {
      const emu = await startEmulator({ port: 0, timeScale: SCALE, pageSize: 200 });
      try {
        const open = (scopes: "apply" | "plan") =>
          openSession({ endpoint: emu.url, scopes, timeScale: SCALE, quotaMemory: memory });
        await applyPlan({ desired }, { session: await open("apply") });
        const t0 = performance.now();
        const label = `plan right after apply (102 goals), ${memory ? "with" : "without"} quota memory`;
        const session = await open("plan");
        try {
          const b = (await planDeploy(desired, { session })).budget;
          const wall = ((performance.now() - t0) / 1000) * SCALE;
          console.log(
            `${label}: ${b.rateLimited} rate-limit answers, ${b.retries} retries, ` +
              `${((b.pacedMs / 1000) * SCALE).toFixed(0)} s paced, ${wall.toFixed(0)} s emulated`,
          );
        } catch (err) {
          // A refusal now waits a full window through the pacer; failing here is a regression.
          const b = session.budget.snapshot();
          console.log(
            `${label}: FAILED after ${b.rateLimited} rate-limit answers (${(err as Error).message.slice(0, 60)}…)`,
          );
        }
      } finally {
        await emu.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
