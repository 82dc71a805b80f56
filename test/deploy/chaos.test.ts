// Chaos: `apply --yes --publish` (the real CLI, a child process) under mixed injected faults, killed
// with SIGKILL at seeded points: after a random state change of the emulator (the write landed, its
// answer never arrives), and around the publish (after create_version, or after publish itself).
// Then a last run without kills. Whatever the seed, the container ends published with exactly the
// desired entities, no duplicates, and an empty re-plan.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseMarker } from "../../src/compile/ownership.js";
import { planDeploy } from "../../src/deploy/deploy.js";
import type { Emulator } from "../../src/emulator/server.js";
import { mulberry32 } from "../../src/emulator/traffic/prng.js";
import { hasChanges } from "../../src/plan/model.js";
import { cliEntry } from "../support/cli-entry.js";
import { closeEmulators, emulator, exampleDesired, session, TIME_SCALE } from "./harness.js";

afterEach(closeEmulators);
const ROOT = join(import.meta.dirname, "../..");

/** The kill points of a seed. */
const random = mulberry32;

type KillPoint = { afterChanges: number } | { after: "create_version" | "publish" } | undefined;

/** Runs apply in a child process; SIGKILLs it synchronously inside the emulator when the point is reached. */
function applyOnce(
  emu: Emulator,
  dir: string,
  kill: KillPoint,
): Promise<{ code: number | null; killed: boolean }> {
  const child = spawn(
    process.execPath,
    [...cliEntry(), "apply", dir, "--yes", "--publish", "--time-scale", String(TIME_SCALE)],
    {
      env: {
        ...process.env,
        MICROGOALS_ENDPOINT: emu.url,
        MICROGOALS_QUOTA_FILE: "off",
        MICROGOALS_DEBUG: "",
      },
      stdio: "ignore",
    },
  );
  const container = () => emu.state.gtm.accounts[0].containers.find((c) => c.containerId === "9000001")!;
  let changes = 0;
  let killed = false;
  const versions = container().versions.length;
  const live = container().liveVersionId;
  emu.world.onChange = () => {
    changes++;
    if (killed || !kill) return;
    const hit =
      "afterChanges" in kill
        ? changes >= kill.afterChanges
        : kill.after === "create_version"
          ? container().versions.length > versions
          : container().liveVersionId !== live;
    if (hit) {
      killed = true;
      child.kill("SIGKILL");
    }
  };
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, killed })));
}

describe("chaos: faults and kill -9, including during publish", () => {
  it("ends published, exactly as desired, no duplicates, empty re-plan, for every seed", async () => {
    const desired = exampleDesired();
    const dir = mkdtempSync(join(tmpdir(), "mg-chaos-"));
    cpSync(join(ROOT, "microgoals.yaml"), join(dir, "microgoals.yaml"));
    cpSync(join(ROOT, "goals"), join(dir, "goals"), { recursive: true });
    let kills = 0;

    for (const [i, seed] of [11, 23, 37].entries()) {
      const emu = await emulator({
        seed,
        faults: { rates: { http429: 0.03, http500: 0.03, http503: 0.03, drop: 0.03, lost: 0.03 } },
      });
      const rnd = random(seed);
      const points: KillPoint[] = [
        { afterChanges: 1 + Math.floor(rnd() * 45) },
        // killed after create_version, the next run has no change to make and must still publish
        { after: i % 2 === 0 ? "create_version" : "publish" },
      ];
      for (const point of points) if ((await applyOnce(emu, dir, point)).killed) kills++;
      // The last run is not killed; an exit 1 after exhausted retries is re-run, like a person would.
      let last = await applyOnce(emu, dir, undefined);
      for (let i = 0; i < 2 && last.code !== 0; i++) last = await applyOnce(emu, dir, undefined);
      expect(last.code, `seed ${seed}`).toBe(0);

      emu.faults.set({});
      const c = emu.state.gtm.accounts[0].containers.find((x) => x.containerId === "9000001")!;
      const latest = c.versions.filter((v) => !v.deleted).at(-1)!;
      expect(c.liveVersionId, `seed ${seed}: published`).toBe(latest.containerVersionId);
      const keys = (list: Record<string, unknown>[]) =>
        list
          .map((e) => parseMarker(e.notes as string)?.key)
          .filter((k) => k !== undefined)
          .sort();
      expect(keys(latest.entities.tag)).toEqual(desired.gtm.tags.map((t) => t.key).sort());
      expect(keys(latest.entities.trigger)).toEqual(desired.gtm.triggers.map((t) => t.key).sort());
      expect(keys(latest.entities.variable)).toEqual(desired.gtm.variables.map((t) => t.key).sort());
      const p = emu.state.ga4.properties.find((x) => x.propertyId === "400000001")!;
      expect(p.keyEvents.map((k) => k.eventName).sort()).toEqual(
        desired.ga4.keyEvents.map((k) => k.eventName),
      );
      const dims = p.customDimensions.filter((d) => !d.archived).map((d) => d.parameterName);
      expect(dims.sort()).toEqual(desired.ga4.customDimensions.map((d) => d.parameterName).sort());
      const again = await planDeploy(desired, { session: await session(emu) });
      expect(hasChanges(again.plan), `seed ${seed}: re-plan`).toBe(false);
      await closeEmulators();
    }
    expect(kills).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
