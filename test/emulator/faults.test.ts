import { afterEach, describe, expect, it } from "vitest";
import { FaultInjector } from "../../src/emulator/faults/fault-injector.js";
import { CONTAINER, type Fixture, failure, start } from "./fixture.js";

const WS = `${CONTAINER}/workspaces/1`;

describe("fault decisions", () => {
  it("are deterministic from the seed and follow the configured rates", () => {
    const config = { rates: { http503: 0.2, drop: 0.1 } };
    const run = (seed: number) => {
      const injector = new FaultInjector(seed, config);
      return Array.from({ length: 2000 }, () => injector.decide("GET", "/x", false).kind ?? "ok");
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    const kinds = run(7);
    const share = (k: string) => kinds.filter((x) => x === k).length / kinds.length;
    expect(share("http503")).toBeGreaterThan(0.17);
    expect(share("http503")).toBeLessThan(0.23);
    expect(share("drop")).toBeGreaterThan(0.08);
    expect(share("drop")).toBeLessThan(0.12);
  });

  it("applies per-path rates before the default and never loses a read", () => {
    const injector = new FaultInjector(1, {
      rates: { lost: 1 },
      paths: [{ pattern: "/tags$", rates: { http500: 1 } }],
    });
    expect(injector.decide("POST", "/a/tags", true).kind).toBe("http500");
    expect(injector.decide("POST", "/a/triggers", true).kind).toBe("lost");
    expect(injector.decide("GET", "/a/triggers", false).kind).toBeUndefined();
  });
});

describe("faults over HTTP", () => {
  let f: Fixture;
  afterEach(() => f.emulator.close());

  it.each([
    ["http429", 429],
    ["http500", 500],
    ["http503", 503],
  ] as const)("%s answers %i with Google's error body and does not apply the write", async (kind, status) => {
    f = await start();
    await f.control.queueFault({ kind, count: 1, pattern: "/triggers$" });
    const res = await failure(
      f.tm.accounts.containers.workspaces.triggers.create({
        parent: WS,
        requestBody: { name: "t", type: "pageview" },
      }),
    );
    expect(res.status).toBe(status);
    expect((await f.tm.accounts.containers.workspaces.triggers.list({ parent: WS })).data.trigger).toEqual(
      [],
    );
  });

  it("drop destroys the connection before the write is applied", async () => {
    f = await start();
    await f.control.queueFault({ kind: "drop", count: 1, method: "POST" });
    await expect(
      f.tm.accounts.containers.workspaces.triggers.create({
        parent: WS,
        requestBody: { name: "t", type: "pageview" },
      }),
    ).rejects.toThrow();
    expect((await f.tm.accounts.containers.workspaces.triggers.list({ parent: WS })).data.trigger).toEqual(
      [],
    );
  });

  it("lost applies the write and then destroys the connection", async () => {
    f = await start();
    await f.control.queueFault({ kind: "lost", count: 1, method: "POST" });
    await expect(
      f.tm.accounts.containers.workspaces.triggers.create({
        parent: WS,
        requestBody: { name: "t", type: "pageview" },
      }),
    ).rejects.toThrow();
    const triggers = (await f.tm.accounts.containers.workspaces.triggers.list({ parent: WS })).data.trigger!;
    expect(triggers.map((t) => t.name)).toEqual(["t"]);
  });

  it("slow delays the reply", async () => {
    f = await start({
      faults: { paths: [{ pattern: "^/tagmanager/v2/accounts$", rates: { slow: 1, slowMs: 150 } }] },
    });
    const t0 = performance.now();
    await f.tm.accounts.list();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    const t1 = performance.now();
    await f.tm.accounts.get({ path: "accounts/6000001" });
    expect(performance.now() - t1).toBeLessThan(140);
  });

  it("rates set through the control API apply until cleared", async () => {
    f = await start();
    await f.control.setFaults({ rates: { http503: 1 } });
    expect((await failure(f.tm.accounts.list())).status).toBe(503);
    await f.control.clearFaults();
    await f.tm.accounts.list();
  });
});
