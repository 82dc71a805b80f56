// `microgoals compile | head`: the reader closes the pipe; the command ends quietly.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cliEntry } from "../support/cli-entry.js";
import { repoRoot } from "./run-cli.js";

function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...cliEntry(), ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: "1", MICROGOALS_DEBUG: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Closed before the CLI writes a byte, like `head` that has read its lines.
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

describe("a closed stdout pipe", () => {
  it.each([[["compile", "."]], [["compile", ".", "--json"]], [["validate", "."]]])(
    "microgoals %j ends quietly with its own exit code",
    async (args) => {
      const r = await withClosedStdout(args);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    },
  );
});
