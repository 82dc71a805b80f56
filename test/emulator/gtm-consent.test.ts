// Tag consent settings as GTM stores and checks them (TagConsentSetting).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTAINER, customEventTrigger, type Fixture, failure, ga4EventTag, start } from "./fixture.js";

let f: Fixture;
let ws: string;
let triggerId: string;
beforeAll(async () => {
  f = await start();
  ws = (await f.tm.accounts.containers.workspaces.list({ parent: CONTAINER })).data.workspace![0].path!;
  const t = await f.tm.accounts.containers.workspaces.triggers.create({
    parent: ws,
    requestBody: customEventTrigger("consent test", "x"),
  });
  triggerId = t.data.triggerId!;
});
afterAll(() => f.emulator.close());

const tags = () => f.tm.accounts.containers.workspaces.tags;

describe("GTM tag consent settings", () => {
  it("stores a tag written without consent settings as notSet", async () => {
    const tag = (await tags().create({ parent: ws, requestBody: ga4EventTag("plain", "plain", [triggerId]) }))
      .data;
    expect(tag.consentSettings).toEqual({ consentStatus: "notSet" });
    expect((await tags().get({ path: tag.path! })).data.consentSettings).toEqual({ consentStatus: "notSet" });
  });

  it("keeps needed with its consent types and notNeeded as written", async () => {
    const consentType = { type: "list", list: [{ type: "template", value: "ad_storage" }] };
    const needed = (
      await tags().create({
        parent: ws,
        requestBody: {
          ...ga4EventTag("needed", "needed", [triggerId]),
          consentSettings: { consentStatus: "needed", consentType },
        },
      })
    ).data;
    expect(needed.consentSettings).toEqual({ consentStatus: "needed", consentType });
    const notNeeded = (
      await tags().create({
        parent: ws,
        requestBody: {
          ...ga4EventTag("not needed", "nn", [triggerId]),
          consentSettings: { consentStatus: "notNeeded" },
        },
      })
    ).data;
    expect(notNeeded.consentSettings).toEqual({ consentStatus: "notNeeded" });
  });

  it("rejects an unknown status, needed without types, and a consentType that is not a list of templates", async () => {
    const bad = async (name: string, consentSettings: unknown) =>
      failure(
        tags().create({
          parent: ws,
          requestBody: { ...ga4EventTag(name, name, [triggerId]), consentSettings } as never,
        }),
      );
    expect(await bad("a", { consentStatus: "granted" })).toMatchObject({ status: 400, reason: "invalid" });
    expect(await bad("b", { consentStatus: "needed" })).toMatchObject({ status: 400 });
    expect(
      await bad("c", { consentStatus: "needed", consentType: { type: "template", value: "ad_storage" } }),
    ).toMatchObject({ status: 400 });
    expect(
      await bad("d", {
        consentStatus: "needed",
        consentType: { type: "list", list: [{ type: "template", value: "" }] },
      }),
    ).toMatchObject({ status: 400 });
  });
});
