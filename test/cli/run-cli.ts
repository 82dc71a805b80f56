// Spawns the real CLI (the fresh build, or the sources through tsx: support/cli-entry.ts) and captures its output and exit code.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliEntry } from "../support/cli-entry.js";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function runCli(args: string[], cwd = repoRoot): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...cliEntry(), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", MICROGOALS_DEBUG: "" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
