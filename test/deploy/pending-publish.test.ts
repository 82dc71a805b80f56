import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../src/deploy/deploy.js";
import { AbortedError } from "../../src/google/clock.js";
import { cliEntry } from "../support/cli-entry.js";
import { closeEmulators, emulator, exampleDesired, session, TIME_SCALE } from "./harness.js";

afterEach(closeEmulators);

describe("a publish lost to an interrupt", () => {
  it("is finished by the next apply --publish, which says so", async () => {
    const emu = await emulator();
    const container = () => emu.state.gtm.accounts[0].containers.find((c) => c.containerId === "9000001")!;
    const ac = new AbortController();
    const s = (await session(emu)).withSignal(ac.signal);
    // Stop right after create_version answered: the version exists, the publish never happens.
    const err = await applyPlan(
      { desired: exampleDesired() },
      {
        session: s,
        publish: true,
        onProgress: (step) => step.startsWith("create version") && ac.abort(new AbortedError()),
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    const made = container().versions.at(-1)!;
    expect(container().liveVersionId).not.toBe(made.containerVersionId);

    const again = await applyPlan(
      { desired: exampleDesired() },
      { session: await session(emu), publish: true },
    );
    expect(again.gtm).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect(again.published).toMatchObject({ versionId: made.containerVersionId, resumed: true });
    expect(container().liveVersionId).toBe(made.containerVersionId);
    expect(again.budget.byMethod["workspaces.create_version"]).toBeUndefined();

    // Once live, a further run has nothing to publish.
    const third = await applyPlan(
      { desired: exampleDesired() },
      { session: await session(emu), publish: true },
    );
    expect(third.published).toBeUndefined();
    expect(third.budget.writes).toBe(0);
  });

  it("never publishes a version a person made", async () => {
    const emu = await emulator();
    const s = await session(emu);
    await applyPlan({ desired: exampleDesired() }, { session: s, publish: true });
    // Through the session's pacer: the apply just used the quota window, and a bare call would
    // meet its refusal (as a person's would, in the GTM UI, moments after a deploy).
    const cv = await s.gtmCaller.call("write", "workspaces.create_version", () =>
      s.gtm.accounts.containers.workspaces.create_version({
        path: "accounts/6000001/containers/9000001/workspaces/1",
        requestBody: { name: "by hand", notes: "not ready yet" },
      }),
    );
    const again = await applyPlan(
      { desired: exampleDesired() },
      { session: await session(emu), publish: true },
    );
    expect(again.published).toBeUndefined();
    const c = emu.state.gtm.accounts[0].containers.find((x) => x.containerId === "9000001")!;
    expect(c.liveVersionId).not.toBe(cv.data.containerVersion?.containerVersionId);
  });

  it("the CLI says it published an earlier run's version", async () => {
    const emu = await emulator();
    const ac = new AbortController();
    await applyPlan(
      { desired: exampleDesired() },
      {
        session: (await session(emu)).withSignal(ac.signal),
        publish: true,
        onProgress: (step) => step.startsWith("create version") && ac.abort(new AbortedError()),
      },
    ).catch(() => undefined);
    const root = join(import.meta.dirname, "../..");
    const r = await promisify(execFile)(
      process.execPath,
      [...cliEntry(), "apply", root, "--yes", "--publish", "--time-scale", `${TIME_SCALE}`],
      {
        env: {
          ...process.env,
          MICROGOALS_ENDPOINT: emu.url,
          MICROGOALS_QUOTA_FILE: "off",
          MICROGOALS_DEBUG: "",
        },
      },
    );
    expect(r.stdout).toMatch(
      /^Published container version 1 ".*", made by an earlier apply that stopped before publishing it\.$/m,
    );
  }, 30_000);
});
