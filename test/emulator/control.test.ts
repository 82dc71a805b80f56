import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { CONTAINER, type Fixture, failure, start } from "./fixture.js";

const WS = `${CONTAINER}/workspaces/1`;
let f: Fixture;
beforeEach(async () => {
  f = await start();
});
afterEach(() => f.emulator.close());

describe("control API", () => {
  it("counts requests by route template and API, not counting itself", async () => {
    await f.tm.accounts.list();
    await f.tm.accounts.containers.get({ path: CONTAINER });
    await f.tm.accounts.containers.get({ path: "accounts/6000001/containers/9000002" });
    await f.admin.properties.get({ name: "properties/400000001" });
    const counts = await f.control.requestCounts();
    expect(counts).toEqual({
      total: 4,
      byApi: { gtm: 3, "ga4-admin": 1 },
      byRoute: {
        "GET /tagmanager/v2/accounts": 1,
        "GET /tagmanager/v2/accounts/{account}/containers/{container}": 2,
        "GET /v1beta/properties/{property}": 1,
      },
    });
    await f.control.resetRequestCounts();
    expect((await f.control.requestCounts()).total).toBe(0);
  });

  it("edits as a person in the web UI: fingerprint moves, a stale API update is refused", async () => {
    const t = (
      await f.tm.accounts.containers.workspaces.triggers.create({
        parent: WS,
        requestBody: { name: "Pricing", type: "pageview" },
      })
    ).data;
    const edited = await f.control.uiEdit(t.path!, { name: "Pricing (edited in UI)" });
    expect(edited.fingerprint).not.toBe(t.fingerprint);
    const stale = await failure(
      f.tm.accounts.containers.workspaces.triggers.update({
        path: t.path!,
        fingerprint: t.fingerprint!,
        requestBody: t,
      }),
    );
    expect(stale.status).toBe(409);
    const ui = await f.control.uiCreate(WS, "tags", { name: "Hand made", type: "html", parameter: [] });
    expect(ui.tagId).toMatch(/^\d+$/);
    await f.control.uiDelete(t.path!);
    const names = (await f.tm.accounts.containers.workspaces.triggers.list({ parent: WS })).data.trigger;
    expect(names).toEqual([]);
    expect((await f.control.requestCounts()).byApi.control).toBeUndefined();
  });

  it("adds containers and properties, exposes and resets state", async () => {
    const { containerId } = await f.control.addContainer("6000002", "Client site");
    expect(
      (await f.tm.accounts.containers.get({ path: `accounts/6000002/containers/${containerId}` })).data.name,
    ).toBe("Client site");
    await f.control.addProperty("400000777", "Client property");
    expect((await f.admin.properties.get({ name: "properties/400000777" })).data.displayName).toBe(
      "Client property",
    );
    const state = await f.control.state();
    expect(state.gtm.accounts.map((a) => a.accountId)).toEqual(["6000001", "6000002"]);
    await f.control.reset();
    expect((await f.control.state()).gtm.accounts.map((a) => a.accountId)).toEqual(["6000001"]);
    expect((await f.control.requestCounts()).total).toBe(0);
  });
});

describe("hosted Data API and Measurement Protocol", () => {
  it("routes /mp/collect into the event store behind the Data API", async () => {
    const before = f.emulator.events.count;
    const res = await fetch(`${f.emulator.url}/mp/collect?measurement_id=G-EXAMPLE001&api_secret=s`, {
      method: "POST",
      body: JSON.stringify({
        client_id: "c1",
        events: [{ name: "sign_up", params: { page_location: "https://x.test/a" } }],
      }),
    });
    expect(res.status).toBeLessThan(300);
    expect(f.emulator.events.count).toBe(before + 1);
    expect((await f.control.requestCounts()).byApi.mp).toBe(1);
  });
});

describe("Measurement Protocol streams of your own properties", () => {
  const hit = (url: string, id: string) =>
    fetch(`${url}/mp/collect?measurement_id=${id}&api_secret=s`, {
      method: "POST",
      body: JSON.stringify({ client_id: "c1", events: [{ name: "close_convert_lead", params: {} }] }),
    });

  it("a --stream's hits belong to its property; an unknown id is said once", async () => {
    const unknown: string[] = [];
    const own = await start({
      measurementIds: { "G-STAGING01": "300000001" },
      onUnknownStream: (id) => unknown.push(id),
    });
    try {
      expect((await hit(own.emulator.url, "G-STAGING01")).status).toBe(204);
      expect([...own.emulator.events.events("300000001")].map((e) => e.eventName)).toEqual([
        "close_convert_lead",
      ]);
      // The example project's streams are still there beside it.
      await hit(own.emulator.url, "G-EXAMPLE001");
      expect([...own.emulator.events.events("400000001")].at(-1)?.eventName).toBe("close_convert_lead");
      expect(unknown).toEqual([]);
      await hit(own.emulator.url, "G-NOSUCH001");
      await hit(own.emulator.url, "G-NOSUCH001");
      expect(unknown).toEqual(["G-NOSUCH001"]);
    } finally {
      await own.emulator.close();
    }
  });

  it("a malformed --stream is a usage error", () => {
    const r = runCli(["emulator", "--port", "0", "--stream", "300000001"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--stream must be MEASUREMENT_ID=PROPERTY, got "300000001"/);
  });
});
