// Whole-process figures of the built bin (dist/cli/main.js: the bundled CLI run from its V8 code
// cache, scripts/bundle-cli.ts), each beside its reference in the same run (interleaved, medians):
// `microgoals validate` on the example project vs `node -e 0`, and `microgoals compile` (load +
// validate + compile + summary) of generated 200-, 1,000- and 5,000-goal projects: the time each
// further goal costs should be the same from 1,000 to 5,000 as from 200 to 1,000 (linear).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./spec.bench.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist/cli/main.js");

function once(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0 && args[0] !== "-e") throw new Error(`${args.join(" ")}: exit ${r.status} ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Runs each command in turn, `runs` rounds; medians in ms. */
function interleaved(commands: string[][], runs: number): number[] {
  const times: number[][] = commands.map(() => []);
  for (let r = 0; r < runs; r++) for (const [i, c] of commands.entries()) times[i]!.push(once(c));
  return times.map(median);
}

export async function run(): Promise<void> {
  if (!existsSync(cli)) spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  const [validate, bare] = interleaved(
    [
      [cli, "validate", root],
      ["-e", "0"],
    ],
    15,
  );
  console.log(
    `microgoals validate (example project): ${validate!.toFixed(0)} ms; node -e 0: ${bare!.toFixed(0)} ms; ` +
      `ratio ${(validate! / bare!).toFixed(2)} (target ≤ 2; medians of 15, interleaved)`,
  );
  const dir = mkdtempSync(join(tmpdir(), "mg-cold-"));
  try {
    const tiny = join(dir, "g200");
    const small = join(dir, "g1000");
    const large = join(dir, "g5000");
    for (const [d, n] of [
      [tiny, 200],
      [small, 1000],
      [large, 5000],
    ] as const) {
      spawnSync("mkdir", ["-p", d]);
      generate(d, n);
    }
    const [c0, c1, c5, b] = interleaved(
      [
        [cli, "compile", tiny],
        [cli, "compile", small],
        [cli, "compile", large],
        ["-e", "0"],
      ],
      5,
    );
    const per1 = (c1! - c0!) / 800;
    const per5 = (c5! - c1!) / 4000;
    console.log(
      `microgoals compile, whole process: 1,000 goals ${c1!.toFixed(0)} ms, ${(c1! / 500).toFixed(2)}× the target (≤ 500 ms), ` +
        `5,000 goals ${c5!.toFixed(0)} ms; node -e 0 ${b!.toFixed(0)} ms`,
    );
    console.log(
      `  each further goal: ${(per1 * 1000).toFixed(0)} µs from 200 to 1,000, ${(per5 * 1000).toFixed(0)} µs from 1,000 to 5,000 ` +
        `(ratio ${(per5 / per1).toFixed(2)}; 1.00 = linear; medians of 5, interleaved)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
