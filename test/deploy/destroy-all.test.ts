import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../src/deploy/deploy.js";
import { UserError } from "../../src/errors.js";
import { cliEntry } from "../support/cli-entry.js";
import {
  closeEmulators,
  desiredFrom,
  emulator,
  exampleFiles,
  session,
  workspaceEntities,
} from "./harness.js";

afterEach(closeEmulators);
const ROOT = join(import.meta.dirname, "../..");

function noGoals(): Record<string, string> {
  const files = exampleFiles();
  for (const f of Object.keys(files)) if (f.startsWith("goals/")) files[f] = "goals: []\n";
  return files;
}

describe("a plan that deletes every owned entity", () => {
  it("is refused without allowDestroyAll, before any write", async () => {
    const emu = await emulator();
    await applyPlan({ desired: desiredFrom(exampleFiles()) }, { session: await session(emu) });
    const owned = workspaceEntities(emu)!.entities.tag.length;
    const s = await session(emu);
    const err = await applyPlan({ desired: desiredFrom(noGoals()) }, { session: s }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/deletes every entity microgoals deployed/);
    expect(s.budget.snapshot().writes).toBe(0);
    expect(workspaceEntities(emu)!.entities.tag.length).toBe(owned);

    const r = await applyPlan(
      { desired: desiredFrom(noGoals()) },
      { session: await session(emu), allowDestroyAll: true },
    );
    expect(r.gtm.deleted).toBeGreaterThan(0);
  });

  it("the CLI: a vanished goals folder stops at the spec; --allow-destroy-all is the way to empty a target", async () => {
    const emu = await emulator({ gtmQuota: false });
    const env = { ...process.env, MICROGOALS_ENDPOINT: emu.url, MICROGOALS_DEBUG: "" };
    const cli = async (...args: string[]) => {
      try {
        const r = await promisify(execFile)(process.execPath, [...cliEntry(), ...args, "--quota", "1000"], {
          env,
        });
        return { code: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (e) {
        return e as { code: number; stdout: string; stderr: string };
      }
    };
    const dir = mkdtempSync(join(tmpdir(), "mg-destroy-"));
    cpSync(join(ROOT, "microgoals.yaml"), join(dir, "microgoals.yaml"));
    cpSync(join(ROOT, "goals"), join(dir, "goals"), { recursive: true });
    expect((await cli("apply", dir, "--yes")).code).toBe(0);

    rmSync(join(dir, "goals"), { recursive: true });
    const vanished = await cli("apply", dir, "--yes");
    expect(vanished.code).toBe(1);
    expect(vanished.stderr).toMatch(/goals\/ folder is missing/);

    cpSync(join(ROOT, "goals"), join(dir, "goals"), { recursive: true });
    for (const f of ["b2b.yaml", "shop.yaml"]) writeFileSync(join(dir, "goals", f), "goals: []\n");
    const refused = await cli("apply", dir, "--yes");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/apply needs --allow-destroy-all/);
    expect(refused.stderr).toMatch(/refusing to apply: this plan deletes every entity/);
    const allowed = await cli("apply", dir, "--yes", "--allow-destroy-all");
    expect(allowed.code).toBe(0);
    // The folder's notes (its key-event ledger) are the one update, as the plan counted.
    expect(allowed.stdout).toMatch(/Plan: 0 to create, 1 to update, \d+ to delete/);
    expect(allowed.stdout).toMatch(/Applied: GTM 0 created, 1 updated, \d+ deleted/);
  }, 60_000);
});
