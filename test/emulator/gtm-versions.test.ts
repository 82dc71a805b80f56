import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONTAINER, customEventTrigger, type Fixture, ga4EventTag, start } from "./fixture.js";

let f: Fixture;
beforeEach(async () => {
  f = await start();
});
afterEach(() => f.emulator.close());

async function defaultWorkspace(): Promise<string> {
  return (await f.tm.accounts.containers.workspaces.list({ parent: CONTAINER })).data.workspace![0].path!;
}

async function addGoal(ws: string, event: string) {
  const t = (
    await f.tm.accounts.containers.workspaces.triggers.create({
      parent: ws,
      requestBody: customEventTrigger(`ce ${event}`, event),
    })
  ).data;
  const tag = (
    await f.tm.accounts.containers.workspaces.tags.create({
      parent: ws,
      requestBody: ga4EventTag(`GA4 ${event}`, event, [t.triggerId!]),
    })
  ).data;
  return { trigger: t, tag };
}

describe("create_version, publish, live, version headers", () => {
  it("creates a version, deletes the workspace, publishes and serves it as live", async () => {
    const ws = await defaultWorkspace();
    await addGoal(ws, "sign_up");
    const res = (
      await f.tm.accounts.containers.workspaces.create_version({
        path: ws,
        requestBody: { name: "v1", notes: "first" },
      })
    ).data;
    expect(res.compilerError).toBe(false);
    expect(res.containerVersion).toMatchObject({ name: "v1", description: "first" });
    expect(res.containerVersion!.tag!.map((t) => t.name)).toEqual(["GA4 sign_up"]);
    expect(res.newWorkspacePath).toMatch(/workspaces\/\d+$/);
    expect(res.newWorkspacePath).not.toBe(ws);
    const workspaces = (await f.tm.accounts.containers.workspaces.list({ parent: CONTAINER })).data
      .workspace!;
    expect(workspaces.map((w) => w.path)).toEqual([res.newWorkspacePath]);

    await expect(f.tm.accounts.containers.versions.live({ parent: CONTAINER })).rejects.toMatchObject({
      status: 404,
    });
    const version = res.containerVersion!;
    const published = (
      await f.tm.accounts.containers.versions.publish({
        path: version.path!,
        fingerprint: version.fingerprint!,
      })
    ).data;
    expect(published.compilerError).toBe(false);
    const live = (await f.tm.accounts.containers.versions.live({ parent: CONTAINER })).data;
    expect(live.containerVersionId).toBe(version.containerVersionId);
    expect((await f.tm.accounts.containers.versions.get({ path: version.path! })).data.tag).toHaveLength(1);

    const headers = (await f.tm.accounts.containers.version_headers.list({ parent: CONTAINER })).data
      .containerVersionHeader!;
    expect(headers).toEqual([
      expect.objectContaining({
        containerVersionId: version.containerVersionId,
        numTags: "1",
        numTriggers: "1",
      }),
    ]);
    const latest = (await f.tm.accounts.containers.version_headers.latest({ parent: CONTAINER })).data;
    expect(latest.containerVersionId).toBe(version.containerVersionId);
    // A new workspace starts from the latest version.
    const next = (await f.tm.accounts.containers.workspaces.tags.list({ parent: res.newWorkspacePath! })).data
      .tag!;
    expect(next.map((t) => t.name)).toEqual(["GA4 sign_up"]);
  });

  it("rejects publish with a stale fingerprint", async () => {
    const ws = await defaultWorkspace();
    const v = (
      await f.tm.accounts.containers.workspaces.create_version({ path: ws, requestBody: { name: "v1" } })
    ).data.containerVersion!;
    await expect(
      f.tm.accounts.containers.versions.publish({ path: v.path!, fingerprint: "1" }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("answers compilerError (HTTP 200, no version, workspace kept) for a dangling trigger reference", async () => {
    const ws = await defaultWorkspace();
    const { trigger } = await addGoal(ws, "lead");
    await f.tm.accounts.containers.workspaces.triggers.delete({ path: trigger.path! });
    const res = await f.tm.accounts.containers.workspaces.create_version({
      path: ws,
      requestBody: { name: "broken" },
    });
    expect(res.status).toBe(200);
    expect(res.data.compilerError).toBe(true);
    expect(res.data.containerVersion).toBeUndefined();
    expect((await f.tm.accounts.containers.workspaces.get({ path: ws })).data.path).toBe(ws);
  });

  it("answers compilerError for a {{variable}} that is not defined or enabled", async () => {
    const ws = await defaultWorkspace();
    await f.tm.accounts.containers.workspaces.tags.create({
      parent: ws,
      requestBody: {
        ...ga4EventTag("GA4 click", "click_x", ["2147479553"]),
        parameter: [{ type: "template", key: "eventName", value: "{{Click URL}}" }],
      },
    });
    expect((await f.tm.accounts.containers.workspaces.create_version({ path: ws })).data.compilerError).toBe(
      true,
    );
    await f.tm.accounts.containers.workspaces.built_in_variables.create({ parent: ws, type: ["clickUrl"] });
    expect((await f.tm.accounts.containers.workspaces.create_version({ path: ws })).data.compilerError).toBe(
      false,
    );
  });

  it("answers compilerError once when injected through the control API", async () => {
    await f.control.failNextCompile(1);
    const ws = await defaultWorkspace();
    expect((await f.tm.accounts.containers.workspaces.create_version({ path: ws })).data.compilerError).toBe(
      true,
    );
    expect((await f.tm.accounts.containers.workspaces.create_version({ path: ws })).data.compilerError).toBe(
      false,
    );
  });
});

describe("getStatus and sync", () => {
  it("lists workspace changes against the base version", async () => {
    const ws = await defaultWorkspace();
    const { tag } = await addGoal(ws, "sign_up");
    const status = (await f.tm.accounts.containers.workspaces.getStatus({ path: ws })).data;
    expect(status.workspaceChange!.map((c) => [c.changeStatus, c.tag?.name ?? c.trigger?.name])).toEqual([
      ["added", "GA4 sign_up"],
      ["added", "ce sign_up"],
    ]);
    expect(status.mergeConflict).toEqual([]);
    const cv = (await f.tm.accounts.containers.workspaces.create_version({ path: ws })).data;
    const fresh = cv.newWorkspacePath!;
    await f.tm.accounts.containers.workspaces.tags.update({
      path: tag.path!.replace(ws, fresh),
      requestBody: { ...tag, name: "GA4 sign up" },
    });
    const after = (await f.tm.accounts.containers.workspaces.getStatus({ path: fresh })).data
      .workspaceChange!;
    expect(after.map((c) => [c.changeStatus, c.tag?.name])).toEqual([["updated", "GA4 sign up"]]);
  });

  it("brings a workspace up to the latest version and reports conflicts for entities changed on both sides", async () => {
    const ws1 = await defaultWorkspace();
    const { tag, trigger } = await addGoal(ws1, "sign_up");
    const base = (await f.tm.accounts.containers.workspaces.create_version({ path: ws1 })).data;
    const a = base.newWorkspacePath!;
    const b = (
      await f.tm.accounts.containers.workspaces.create({ parent: CONTAINER, requestBody: { name: "other" } })
    ).data.path!;
    const tagIn = (ws: string) => tag.path!.replace(ws1, ws);
    // Workspace a renames the tag and publishes; b renames it differently and edits the trigger.
    await f.tm.accounts.containers.workspaces.tags.update({
      path: tagIn(a),
      requestBody: { ...tag, name: "from A" },
    });
    await f.tm.accounts.containers.workspaces.create_version({ path: a });
    await f.tm.accounts.containers.workspaces.tags.update({
      path: tagIn(b),
      requestBody: { ...tag, name: "from B" },
    });
    const sync = (await f.tm.accounts.containers.workspaces.sync({ path: b })).data;
    expect(sync.syncStatus).toEqual({ mergeConflict: true, syncError: false });
    expect(
      sync.mergeConflict!.map((c) => [c.entityInWorkspace!.tag!.name, c.entityInBaseVersion!.tag!.name]),
    ).toEqual([["from B", "from A"]]);
    expect(
      (await f.tm.accounts.containers.workspaces.getStatus({ path: b })).data.mergeConflict,
    ).toHaveLength(1);
    // A version cannot be created while the conflict stands.
    const blocked = (await f.tm.accounts.containers.workspaces.create_version({ path: b })).data;
    expect(blocked.syncStatus!.mergeConflict).toBe(true);
    expect(blocked.containerVersion).toBeUndefined();
    await f.tm.accounts.containers.workspaces.resolve_conflict({
      path: b,
      requestBody: { tag: { ...tag, name: "resolved" } },
    });
    const done = (await f.tm.accounts.containers.workspaces.create_version({ path: b })).data;
    expect(done.containerVersion!.tag!.map((t) => t.name)).toEqual(["resolved"]);
    expect(done.containerVersion!.trigger!.map((t) => t.name)).toEqual([trigger.name]);
  });

  it("takes unmodified entities from the latest version without conflicts", async () => {
    const ws1 = await defaultWorkspace();
    await f.tm.accounts.containers.workspaces.create({ parent: CONTAINER, requestBody: { name: "behind" } });
    await addGoal(ws1, "purchase");
    await f.tm.accounts.containers.workspaces.create_version({ path: ws1 });
    const behind = (
      await f.tm.accounts.containers.workspaces.list({ parent: CONTAINER })
    ).data.workspace!.find((w) => w.name === "behind")!;
    const sync = (await f.tm.accounts.containers.workspaces.sync({ path: behind.path! })).data;
    expect(sync.mergeConflict).toEqual([]);
    expect(
      (await f.tm.accounts.containers.workspaces.tags.list({ parent: behind.path! })).data.tag!.map(
        (t) => t.name,
      ),
    ).toEqual(["GA4 purchase"]);
    expect(
      (await f.tm.accounts.containers.workspaces.getStatus({ path: behind.path! })).data.workspaceChange,
    ).toEqual([]);
  });
});
