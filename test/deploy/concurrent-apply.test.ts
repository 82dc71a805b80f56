// Two applies on one workspace. The loser is told what happened instead of a raw HTTP 400/404/409,
// and nothing is duplicated. The stale-read cases are exact interleavings: run B read the live state
// (as `apply --yes` does for its preview), then run A did its writes, then B writes.
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, planDeploy } from "../../src/deploy/deploy.js";
import { hasChanges } from "../../src/plan/model.js";
import {
  closeEmulators,
  desiredFrom,
  emulator,
  exampleDesired,
  exampleFiles,
  ownedKeys,
  session,
  workspaceEntities,
} from "./harness.js";

afterEach(closeEmulators);
const ANOTHER = "another apply is running on this workspace; re-run when it ends";

function changedFiles(): Record<string, string> {
  const files = exampleFiles();
  files["goals/b2b.yaml"] = files["goals/b2b.yaml"].replaceAll("demo_request", "demo_booked");
  return files;
}

async function staleRace(base: "none" | "workspace", publishA: boolean) {
  const emu = await emulator();
  if (base === "workspace") await applyPlan({ desired: exampleDesired() }, { session: await session(emu) });
  const desired = desiredFrom(changedFiles());
  const sB = await session(emu);
  const b = await planDeploy(desired, { session: sB });
  await applyPlan({ desired }, { session: await session(emu), publish: publishA });
  const err = await applyPlan({ plan: b.plan }, { session: sB, live: b.live }).catch((e: unknown) => e);
  return { emu, desired, err };
}

describe("concurrent applies on one workspace", () => {
  for (const [base, publishA, what] of [
    ["none", false, "both create the workspace"],
    ["workspace", false, "both create the same entities"],
    ["workspace", true, "the other run published (deleted) the workspace"],
  ] as const) {
    it(`the loser says another apply is running: ${what}`, async () => {
      const { emu, desired, err } = await staleRace(base, publishA);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe(ANOTHER);
      await applyPlan({ desired }, { session: await session(emu) });
      const ws = workspaceEntities(emu);
      if (ws) expect(ownedKeys(ws.entities.tag)).toEqual(desired.gtm.tags.map((t) => t.key).sort());
      expect(hasChanges((await planDeploy(desired, { session: await session(emu) })).plan)).toBe(false);
    });
  }

  it("racing for real: each run either applies or says so, and the state converges", async () => {
    for (const delayMs of [0, 4, 12, 30]) {
      const emu = await emulator();
      const desired = exampleDesired();
      const a = applyPlan({ desired }, { session: await session(emu), publish: true });
      await new Promise((r) => setTimeout(r, delayMs));
      const b = applyPlan({ desired }, { session: await session(emu), publish: true });
      for (const r of await Promise.allSettled([a, b]))
        if (r.status === "rejected") expect((r.reason as Error).message).toBe(ANOTHER);
      await applyPlan({ desired }, { session: await session(emu), publish: true });
      expect(hasChanges((await planDeploy(desired, { session: await session(emu) })).plan)).toBe(false);
      const c = emu.state.gtm.accounts[0].containers.find((x) => x.containerId === "9000001")!;
      expect(c.liveVersionId).toBe(c.versions.at(-1)!.containerVersionId);
      await closeEmulators();
    }
  });
});
