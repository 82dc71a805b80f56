// Vitest global setup: every temporary folder a test (or a CLI it starts) makes goes under one
// folder for the run, removed at the end; tests used to leave thousands of mg-* folders in /tmp.
// Workers and child processes read TMPDIR, set here before they start.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "microgoals-tests-"));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
