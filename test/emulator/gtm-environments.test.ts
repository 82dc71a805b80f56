// GTM environments through the official client: Live and Latest derived from the container, user
// environments with a version pointer, fingerprints, and GTM's refusals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTAINER, type Fixture, failure, start } from "./fixture.js";

let f: Fixture;
let v1: string;
let v2: string;
beforeAll(async () => {
  f = await start();
  const c = f.tm.accounts.containers;
  for (const name of ["one", "two"]) {
    const ws = (await c.workspaces.list({ parent: CONTAINER })).data.workspace![0].path!;
    const r = await c.workspaces.create_version({ path: ws, requestBody: { name } });
    if (name === "one") v1 = r.data.containerVersion!.containerVersionId!;
    else v2 = r.data.containerVersion!.containerVersionId!;
    if (name === "one") {
      await c.workspaces.create({ parent: CONTAINER, requestBody: { name: "next" } });
      await c.versions.publish({ path: `${CONTAINER}/versions/${v1}` });
    }
  }
});
afterAll(() => f.emulator.close());

const envs = () => f.tm.accounts.containers.environments;

describe("GTM environments", () => {
  it("lists Live and Latest pointing at the published and the newest version", async () => {
    const list = (await envs().list({ parent: CONTAINER })).data.environment!;
    expect(list.map((e) => [e.type, e.name, e.containerVersionId])).toEqual([
      ["live", "Live", v1],
      ["latest", "Latest", v2],
    ]);
    expect(list[0]!.path).toBe(`${CONTAINER}/environments/1`);
  });

  it("creates a user environment with an authorization code and moves its pointer on update", async () => {
    const created = (
      await envs().create({
        parent: CONTAINER,
        requestBody: { name: "staging", url: "https://staging.example.com", containerVersionId: v1 },
      })
    ).data;
    expect(created).toMatchObject({
      type: "user",
      name: "staging",
      containerVersionId: v1,
      enableDebug: false,
    });
    expect(created.authorizationCode).toMatch(/^[\w-]{22}$/);
    const got = (await envs().get({ path: created.path! })).data;
    expect(got.fingerprint).toBe(created.fingerprint);

    const moved = (
      await envs().update({
        path: created.path!,
        fingerprint: created.fingerprint!,
        requestBody: { ...got, containerVersionId: v2 },
      })
    ).data;
    expect(moved.containerVersionId).toBe(v2);
    expect(moved.fingerprint).not.toBe(created.fingerprint);
    // a stale fingerprint is refused
    expect(
      await failure(
        envs().update({
          path: created.path!,
          fingerprint: created.fingerprint!,
          requestBody: { name: "staging" },
        }),
      ),
    ).toMatchObject({ status: 409 });
    const reauthorized = (await envs().reauthorize({ path: created.path!, requestBody: {} })).data;
    expect(reauthorized.authorizationCode).not.toBe(created.authorizationCode);
  });

  it("refuses duplicate and empty names, unknown versions, system environment edits; deletes user ones", async () => {
    expect(
      await failure(envs().create({ parent: CONTAINER, requestBody: { name: "staging" } })),
    ).toMatchObject({
      status: 400,
    });
    expect(await failure(envs().create({ parent: CONTAINER, requestBody: { name: " " } }))).toMatchObject({
      status: 400,
    });
    expect(
      await failure(
        envs().create({ parent: CONTAINER, requestBody: { name: "qa", containerVersionId: "999" } }),
      ),
    ).toMatchObject({ status: 404 });
    expect(
      await failure(envs().update({ path: `${CONTAINER}/environments/1`, requestBody: { name: "x" } })),
    ).toMatchObject({ status: 400 });
    const qa = (await envs().create({ parent: CONTAINER, requestBody: { name: "qa" } })).data;
    await envs().delete({ path: qa.path! });
    expect(await failure(envs().get({ path: qa.path! }))).toMatchObject({ status: 404 });
  });
});
