// GTM environments end to end: a target naming `environment: staging` makes apply --publish create
// the version and point staging at it (live untouched); promote publishes what staging holds.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { AbortedError } from "../../src/google/clock.js";
import { promoteEnvironment } from "../../src/gtm/environment.js";
import { renderPlan } from "../../src/plan/render.js";
import { cliEntry } from "../support/cli-entry.js";
import { closeEmulators, desiredFrom, emulator, exampleFiles, session } from "./harness.js";

afterEach(closeEmulators);

const ROOT = join(import.meta.dirname, "../..");
const CONTAINER = "accounts/6000001/containers/9000001";
const STAGED = (files: Record<string, string>): Record<string, string> => ({
  ...files,
  "microgoals.yaml": files["microgoals.yaml"].replace(
    'gtm: { account: "6000001", container: "9000001", workspace: microgoals }',
    'gtm: { account: "6000001", container: "9000001", workspace: microgoals, environment: staging }',
  ),
});

function container(emu: Awaited<ReturnType<typeof emulator>>) {
  return emu.state.gtm.accounts[0]!.containers.find((c) => c.containerId === "9000001")!;
}

describe("GTM environments end to end", () => {
  it("apply --publish points the environment at the new version, live stays; promote publishes it", async () => {
    const emu = await emulator();
    const files = STAGED(exampleFiles());
    expect(files["microgoals.yaml"]).toContain("environment: staging");
    const desired = desiredFrom(files);
    const s = await session(emu);
    const { plan } = await planDeploy(desired, { session: s });
    expect(renderPlan(plan)).toContain('--publish points GTM environment "staging" at the new version');

    const steps: string[] = [];
    const first = await applyPlan(
      { desired },
      { session: s, publish: true, onProgress: (name) => steps.push(name) },
    );
    expect(first.published).toMatchObject({ environment: "staging" });
    const c = container(emu);
    expect(c.liveVersionId).toBeNull();
    expect(c.environments?.map((e) => [e.name, e.containerVersionId])).toEqual([
      ["staging", first.published!.versionId],
    ]);
    expect(steps.at(-1)).toBe(`create environment staging at version ${first.published!.versionId}`);

    // A second release moves the same environment (an update, not a second environment).
    const changed = desiredFrom(
      STAGED({
        ...files,
        "goals/b2b.yaml": files["goals/b2b.yaml"].replace("/business/pricing", "/business/prices"),
      }),
    );
    const steps2: string[] = [];
    const second = await applyPlan(
      { desired: changed },
      { session: await session(emu), publish: true, onProgress: (name) => steps2.push(name) },
    );
    expect(second.published!.versionId).not.toBe(first.published!.versionId);
    expect(steps2.at(-1)).toBe(`point environment staging at version ${second.published!.versionId}`);
    expect(c.environments).toHaveLength(1);
    expect(c.environments![0]!.containerVersionId).toBe(second.published!.versionId);
    expect(c.liveVersionId).toBeNull();

    const s3 = await session(emu);
    const promoted = await promoteEnvironment(s3.gtmCaller, s3.gtm, CONTAINER, "staging");
    expect(promoted.versionId).toBe(second.published!.versionId);
    expect(c.liveVersionId).toBe(second.published!.versionId);
  });

  it("promote of an unknown environment is a one-line user error; the CLI promotes by target", async () => {
    const emu = await emulator({ gtmQuota: false });
    const dir = mkdtempSync(join(tmpdir(), "mg-env-"));
    for (const f of ["microgoals.yaml", "goals"]) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    writeFileSync(
      join(dir, "microgoals.yaml"),
      STAGED({ "microgoals.yaml": readFileSync(join(dir, "microgoals.yaml"), "utf8") })["microgoals.yaml"],
    );
    const run = async (...args: string[]) => {
      try {
        const r = await promisify(execFile)(process.execPath, [...cliEntry(), ...args], {
          cwd: ROOT,
          env: { ...process.env, MICROGOALS_ENDPOINT: emu.url, MICROGOALS_DEBUG: "" },
        });
        return { code: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (err) {
        return err as { code: number; stdout: string; stderr: string };
      }
    };
    const missing = await run("promote", dir, "--from", "staging");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/GTM environment "staging" not found/);
    expect(missing.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const applied = await run("apply", dir, "--yes", "--publish", "--quota", "1000");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/pointed GTM environment "staging" at it \(live unchanged/);
    expect(applied.stdout).toMatch(/create environment staging at version \d+/);
    expect(container(emu).liveVersionId).toBeNull();

    const promoted = await run("promote", dir, "--from", "staging", "--target", "staging");
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toMatch(
      /Published container version \d+ .* from GTM environment "staging" \(target staging\)/,
    );
    expect(container(emu).liveVersionId).toBe(container(emu).environments![0]!.containerVersionId);
  });

  it("an apply stopped before pointing the environment is finished by the next, never published live", async () => {
    const emu = await emulator();
    const desired = desiredFrom(STAGED(exampleFiles()));
    const ac = new AbortController();
    const err = await applyPlan(
      { desired },
      {
        session: (await session(emu)).withSignal(ac.signal),
        publish: true,
        onProgress: (step) => step.startsWith("create version") && ac.abort(new AbortedError()),
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    const made = container(emu).versions.at(-1)!.containerVersionId;
    expect(container(emu).environments ?? []).toEqual([]);

    const again = await applyPlan({ desired }, { session: await session(emu), publish: true });
    expect(again.published).toMatchObject({ versionId: made, environment: "staging", resumed: true });
    expect(container(emu).liveVersionId).toBeNull();
    expect(container(emu).environments?.map((e) => [e.name, e.containerVersionId])).toEqual([
      ["staging", made],
    ]);

    // Pointed already: nothing more to write.
    const third = await applyPlan({ desired }, { session: await session(emu), publish: true });
    expect(third.published).toBeUndefined();
    expect(third.budget.writes).toBe(0);
  });
});
