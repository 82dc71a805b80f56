// Spec figures: load+validate of a generated 1,000-goal project, and CLI startup beside bare Node.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProject } from "../src/project/load.js";
import { projectRules } from "../src/report/rules/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function generate(dir: string, goals: number): void {
  writeFileSync(
    join(dir, "microgoals.yaml"),
    'version: 1\nname: Bench\ntargets:\n  s:\n    gtm: { account: "1", container: "2" }\n    ga4: { property: "3", measurement_id: G-B }\nlimits: { key_events: 1000, custom_dimensions: 1000 }\n',
  );
  mkdirSync(join(dir, "goals"));
  const perFile = 50;
  for (let f = 0; f * perFile < goals; f++) {
    const lines = [
      "goals:",
      `  - id: macro_${f}`,
      "    title: Macro",
      "    kind: macro",
      "    trigger:",
      "      data_layer:",
      `        event: macro_${f}`,
    ];
    for (let i = 1; i < perFile && f * perFile + i < goals; i++) {
      const id = `g${f}_${i}`;
      lines.push(
        `  - id: ${id}`,
        `    title: Goal ${id}`,
        "    kind: micro",
        "    role: secondary",
        `    leads_to: [macro_${f}]`,
        "    trigger:",
        i % 3 === 0 ? "      click:" : "      page_view:",
        i % 3 === 0
          ? `        selector: "a.x${i}, button[data-i='${i}']"`
          : `        path: { matches: "^/p${i}/[a-z]+$" }`,
        "    params:",
        `      p_${i}: { data_layer: a.b${i}, report: ${i % 10 === 0} }`,
      );
    }
    writeFileSync(join(dir, "goals", `f${String(f).padStart(3, "0")}.yaml`), lines.join("\n") + "\n");
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function wall(cmd: string, args: string[], runs = 10): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(cmd, args, { stdio: "ignore" });
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "mg-bench-"));
  try {
    generate(dir, 1000);
    await loadProject(dir, { rules: projectRules }); // warm: schema compile, module load
    const times: number[] = [];
    let diagnostics = 0;
    let goals = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await loadProject(dir, { rules: projectRules });
      times.push(performance.now() - t);
      diagnostics = r.diagnostics.length;
      goals = r.project?.goals.length ?? 0;
    }
    console.log(
      `load+validate 1000 goals (20 files): ${median(times).toFixed(0)} ms median of 5, ${goals} goals, ${diagnostics} diagnostics`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (!existsSync(join(root, "dist/cli/main.js"))) {
    spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  }
  const cli = wall(process.execPath, [join(root, "dist/cli/main.js"), "--version"]);
  const bare = wall(process.execPath, ["-e", "0"]);
  console.log(
    `microgoals --version: ${cli.toFixed(0)} ms median of 10; node -e 0: ${bare.toFixed(0)} ms (+${(cli - bare).toFixed(0)} ms)`,
  );
}
