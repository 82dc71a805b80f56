// One measurement in a fresh Node process: the bench file runs itself with `--child MODE ARG` (tsx
// loader), or a plain script runs the built library; either prints its figure as the last line of JSON.
import { execFileSync } from "node:child_process";

export interface Figure {
  /** the child's own figure: from its first line of JavaScript to the end of its work */
  ms: number;
  rssMb: number;
  detail: string;
  /** the whole process, spawn to exit, as the parent saw it (set by the parent) */
  wallMs?: number;
}

export function childFigure(benchFile: string, mode: string, arg: string): Figure {
  return figureOf(["--import", "tsx", benchFile, "--child", mode, arg]);
}

/**
 * One measurement of the built library in a fresh plain Node process (bench/report-child.mjs): no
 * TypeScript loader, as the shipped CLI runs.
 */
export function plainChildFigure(script: string, args: string[]): Figure {
  return figureOf([script, ...args]);
}

/** Runs node with `args` and reads the figure from its last line of JSON. */
function figureOf(args: string[]): Figure {
  const t = performance.now();
  const out = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  const wallMs = Math.round(performance.now() - t);
  return { ...(JSON.parse(out.trim().split("\n").at(-1) as string) as Figure), wallMs };
}

/** The child's side: its figure (wall time since t0, peak RSS) as the last line of JSON. */
export function printFigure(t0: number, detail: string): void {
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms: Math.round(performance.now() - t0), rssMb: Math.round(rssMb), detail }));
}
