// Spawns the real CLI (through tsx, from source) and captures its output and exit code.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function runCli(args: string[], cwd = repoRoot): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "src/cli/main.ts"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", MICROGOALS_DEBUG: "" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
