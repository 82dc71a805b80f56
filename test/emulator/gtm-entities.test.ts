import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTAINER,
  customEventTrigger,
  type Fixture,
  failure,
  ga4EventTag,
  start,
  template,
} from "./fixture.js";

let f: Fixture;
let ws: string;
beforeAll(async () => {
  f = await start({ pageSize: 3 });
  ws = (await f.tm.accounts.containers.workspaces.list({ parent: CONTAINER })).data.workspace![0].path!;
});
afterAll(() => f.emulator.close());

describe("GTM accounts and containers", () => {
  it("lists the seeded account and containers and gets them by path", async () => {
    const accounts = (await f.tm.accounts.list()).data.account!;
    expect(accounts.map((a) => a.accountId)).toEqual(["6000001"]);
    const containers = (await f.tm.accounts.containers.list({ parent: "accounts/6000001" })).data.container!;
    expect(containers.map((c) => c.containerId)).toEqual(["9000001", "9000002"]);
    const c = (await f.tm.accounts.containers.get({ path: CONTAINER })).data;
    expect(c).toMatchObject({ path: CONTAINER, containerId: "9000001", usageContext: ["web"] });
    expect(c.fingerprint).toMatch(/^\d+$/);
  });

  it("creates a container that starts with a Default Workspace", async () => {
    const c = (
      await f.tm.accounts.containers.create({
        parent: "accounts/6000001",
        requestBody: { name: "New", usageContext: ["web"] },
      })
    ).data;
    const workspaces = (await f.tm.accounts.containers.workspaces.list({ parent: c.path! })).data.workspace!;
    expect(workspaces.map((w) => w.name)).toEqual(["Default Workspace"]);
  });

  it("answers 404 with Google's error body for unknown paths and ids", async () => {
    expect(await failure(f.tm.accounts.get({ path: "accounts/1" }))).toMatchObject({
      status: 404,
      reason: "notFound",
    });
    const res = await fetch(`${f.emulator.url}/tagmanager/v3/nothing`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 404, status: "NOT_FOUND" });
  });
});

describe("GTM workspaces", () => {
  it("creates, gets and deletes a workspace; enforces the workspace limit", async () => {
    const created = (
      await f.tm.accounts.containers.workspaces.create({
        parent: CONTAINER,
        requestBody: { name: "microgoals" },
      })
    ).data;
    expect((await f.tm.accounts.containers.workspaces.get({ path: created.path! })).data.name).toBe(
      "microgoals",
    );
    expect(
      await failure(
        f.tm.accounts.containers.workspaces.create({
          parent: CONTAINER,
          requestBody: { name: "microgoals" },
        }),
      ),
    ).toMatchObject({ status: 400 });
    await f.tm.accounts.containers.workspaces.create({ parent: CONTAINER, requestBody: { name: "third" } });
    const over = await failure(
      f.tm.accounts.containers.workspaces.create({ parent: CONTAINER, requestBody: { name: "fourth" } }),
    );
    expect(over.status).toBe(400);
    expect(over.message).toMatch(/Workspace limit/);
    await f.tm.accounts.containers.workspaces.delete({ path: created.path! });
    expect(await failure(f.tm.accounts.containers.workspaces.get({ path: created.path! }))).toMatchObject({
      status: 404,
    });
  });
});

describe("GTM tags, triggers, variables", () => {
  it("creates a trigger and a tag, gets, lists and deletes them", async () => {
    const trigger = (
      await f.tm.accounts.containers.workspaces.triggers.create({
        parent: ws,
        requestBody: customEventTrigger("Signup", "sign_up"),
      })
    ).data;
    expect(trigger.triggerId).toMatch(/^\d+$/);
    expect(trigger.path).toBe(`${ws}/triggers/${trigger.triggerId}`);
    expect(trigger.tagManagerUrl).toContain("tagmanager.google.com");
    const tag = (
      await f.tm.accounts.containers.workspaces.tags.create({
        parent: ws,
        requestBody: ga4EventTag("GA4 sign_up", "sign_up", [trigger.triggerId!]),
      })
    ).data;
    expect((await f.tm.accounts.containers.workspaces.tags.get({ path: tag.path! })).data).toMatchObject({
      name: "GA4 sign_up",
      firingTriggerId: [trigger.triggerId],
    });
    await f.tm.accounts.containers.workspaces.tags.delete({ path: tag.path! });
    expect(await failure(f.tm.accounts.containers.workspaces.tags.get({ path: tag.path! }))).toMatchObject({
      status: 404,
    });
  });

  it("pages lists with pageToken / nextPageToken", async () => {
    for (let i = 0; i < 7; i++) {
      await f.tm.accounts.containers.workspaces.variables.create({
        parent: ws,
        requestBody: { name: `Const ${i}`, type: "c", parameter: [template("value", String(i))] },
      });
    }
    const names: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const res = (await f.tm.accounts.containers.workspaces.variables.list({ parent: ws, pageToken })).data;
      names.push(...res.variable!.map((v) => v.name!));
      pageToken = res.nextPageToken ?? undefined;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(names).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Const ${i}`));
  });

  it("updates with a matching fingerprint, rejects a stale one with 409, keeps fingerprint on no-op", async () => {
    const v = (
      await f.tm.accounts.containers.workspaces.variables.create({
        parent: ws,
        requestBody: { name: "DL goal", type: "v", parameter: [template("name", "goal")] },
      })
    ).data;
    const updated = (
      await f.tm.accounts.containers.workspaces.variables.update({
        path: v.path!,
        fingerprint: v.fingerprint!,
        requestBody: { ...v, parameter: [template("name", "goal_id")] },
      })
    ).data;
    expect(updated.fingerprint).not.toBe(v.fingerprint);
    const stale = await failure(
      f.tm.accounts.containers.workspaces.variables.update({
        path: v.path!,
        fingerprint: v.fingerprint!,
        requestBody: v,
      }),
    );
    expect(stale).toMatchObject({ status: 409, reason: "conflict" });
    const same = (
      await f.tm.accounts.containers.workspaces.variables.update({ path: v.path!, requestBody: updated })
    ).data;
    expect(same.fingerprint).toBe(updated.fingerprint);
  });

  it("validates like GTM", async () => {
    const tags = f.tm.accounts.containers.workspaces.tags;
    const triggers = f.tm.accounts.containers.workspaces.triggers;
    expect(
      (await failure(tags.create({ parent: ws, requestBody: ga4EventTag("x", "x", ["424242"]) }))).message,
    ).toMatch(/Tag references an unknown trigger/);
    expect(
      (await failure(tags.create({ parent: ws, requestBody: ga4EventTag("y", "", ["2147479553"]) }))).message,
    ).toMatch(/The value must not be empty/);
    expect(
      (await failure(triggers.create({ parent: ws, requestBody: { name: "ce", type: "customEvent" } })))
        .message,
    ).toMatch(/Custom-event trigger must have exactly one custom-event filter/);
    expect(
      (await failure(triggers.create({ parent: ws, requestBody: { name: "pv", type: "PAGEVIEW" } }))).status,
    ).toBe(400);
    await triggers.create({ parent: ws, requestBody: { name: "All clicks", type: "click" } });
    const dup = await failure(
      triggers.create({ parent: ws, requestBody: { name: "All clicks", type: "click" } }),
    );
    expect(dup.status).toBe(400);
    expect(dup.message).toMatch(/duplicate name/);
    // The built-in All Pages trigger id is always valid.
    await tags.create({ parent: ws, requestBody: ga4EventTag("GA4 page", "page", ["2147479553"]) });
  });

  it("reverts an updated entity to its base and removes an added one", async () => {
    const t = (
      await f.tm.accounts.containers.workspaces.triggers.create({
        parent: ws,
        requestBody: { name: "To revert", type: "pageview" },
      })
    ).data;
    const reverted = (await f.tm.accounts.containers.workspaces.triggers.revert({ path: t.path! })).data;
    expect(reverted.trigger).toBeUndefined();
    expect(await failure(f.tm.accounts.containers.workspaces.triggers.get({ path: t.path! }))).toMatchObject({
      status: 404,
    });
  });
});

describe("GTM built-in variables and folders", () => {
  it("enables built-ins with a repeated camelCase type and deletes them", async () => {
    const biv = f.tm.accounts.containers.workspaces.built_in_variables;
    const created = (await biv.create({ parent: ws, type: ["clickUrl", "scrollDepthThreshold"] })).data
      .builtInVariable!;
    expect(created.map((b) => b.name)).toEqual(["Click URL", "Scroll Depth Threshold"]);
    expect((await failure(biv.create({ parent: ws, type: ["CLICK_URL"] }))).status).toBe(400);
    const all: string[] = [];
    let pageToken: string | undefined;
    do {
      const res = (await biv.list({ parent: ws, pageToken })).data;
      all.push(...res.builtInVariable!.map((b) => b.type!));
      pageToken = res.nextPageToken ?? undefined;
    } while (pageToken);
    expect(all).toEqual([
      "pageUrl",
      "pageHostname",
      "pagePath",
      "referrer",
      "event",
      "clickUrl",
      "scrollDepthThreshold",
    ]);
    await biv.delete({ path: `${ws}/built_in_variables`, type: ["clickUrl"] });
    const after = (await biv.list({ parent: ws })).data.builtInVariable!.map((b) => b.type);
    expect(after).not.toContain("clickUrl");
  });

  it("creates folders, moves entities into them and lists their members", async () => {
    const folders = f.tm.accounts.containers.workspaces.folders;
    const folder = (await folders.create({ parent: ws, requestBody: { name: "microgoals" } })).data;
    const t = (
      await f.tm.accounts.containers.workspaces.triggers.create({
        parent: ws,
        requestBody: { name: "Foldered", type: "pageview" },
      })
    ).data;
    await folders.move_entities_to_folder({ path: folder.path!, triggerId: [t.triggerId!] });
    const members = (await folders.entities({ path: folder.path! })).data;
    expect(members.trigger!.map((x) => x.name)).toEqual(["Foldered"]);
    const renamed = (
      await folders.update({ path: folder.path!, requestBody: { name: "microgoals (managed)" } })
    ).data;
    expect(renamed.name).toBe("microgoals (managed)");
    expect((await folders.get({ path: folder.path! })).data.name).toBe("microgoals (managed)");
    await folders.delete({ path: folder.path! });
    expect(
      (await f.tm.accounts.containers.workspaces.triggers.get({ path: t.path! })).data.parentFolderId,
    ).toBeUndefined();
  });
});
