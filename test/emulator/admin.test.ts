import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, failure, PROPERTY, start } from "./fixture.js";

let f: Fixture;
beforeAll(async () => {
  f = await start({ keyEventLimit: 3, customDimensionLimit: 2 });
});
afterAll(() => f.emulator.close());

describe("GA4 Admin properties", () => {
  it("gets a seeded property and lists by parent filter", async () => {
    const p = (await f.admin.properties.get({ name: PROPERTY })).data;
    expect(p).toMatchObject({ name: PROPERTY, propertyType: "PROPERTY_TYPE_ORDINARY" });
    const list = (await f.admin.properties.list({ filter: `parent:${p.parent}` })).data.properties!;
    expect(list.map((x) => x.name)).toEqual(["properties/400000001", "properties/400000002"]);
    expect((await failure(f.admin.properties.list({}))).status).toBe(400);
  });
});

describe("GA4 Admin key events", () => {
  const parent = "properties/400000002";

  it("creates, gets, patches and deletes a key event; output-only fields are set", async () => {
    const ke = (
      await f.admin.properties.keyEvents.create({
        parent,
        requestBody: {
          eventName: "sign_up",
          countingMethod: "ONCE_PER_SESSION",
          custom: false,
          deletable: false,
        },
      })
    ).data;
    expect(ke).toMatchObject({
      eventName: "sign_up",
      countingMethod: "ONCE_PER_SESSION",
      custom: true,
      deletable: true,
    });
    expect(ke.name).toMatch(/^properties\/400000002\/keyEvents\/\d+$/);
    expect(Date.parse(ke.createTime!)).not.toBeNaN();
    expect((await f.admin.properties.keyEvents.get({ name: ke.name! })).data.eventName).toBe("sign_up");
    const patched = (
      await f.admin.properties.keyEvents.patch({
        name: ke.name!,
        updateMask: "countingMethod,defaultValue",
        requestBody: {
          countingMethod: "ONCE_PER_EVENT",
          defaultValue: { numericValue: 5, currencyCode: "EUR" },
        },
      })
    ).data;
    expect(patched).toMatchObject({
      countingMethod: "ONCE_PER_EVENT",
      defaultValue: { numericValue: 5, currencyCode: "EUR" },
    });
    expect(
      (
        await failure(
          f.admin.properties.keyEvents.patch({
            name: ke.name!,
            requestBody: { countingMethod: "ONCE_PER_EVENT" },
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await failure(
          f.admin.properties.keyEvents.patch({
            name: ke.name!,
            updateMask: "eventName",
            requestBody: { eventName: "x" },
          }),
        )
      ).message,
    ).toMatch(/immutable/);
    await f.admin.properties.keyEvents.delete({ name: ke.name! });
    expect((await failure(f.admin.properties.keyEvents.get({ name: ke.name! }))).status).toBe(404);
  });

  it("answers 409 ALREADY_EXISTS for a duplicate and 400 without a counting method", async () => {
    expect(
      await failure(
        f.admin.properties.keyEvents.create({
          parent,
          requestBody: { eventName: "purchase", countingMethod: "ONCE_PER_EVENT" },
        }),
      ),
    ).toMatchObject({
      status: 409,
      reason: "alreadyExists",
    });
    expect(
      (await failure(f.admin.properties.keyEvents.create({ parent, requestBody: { eventName: "lead" } })))
        .status,
    ).toBe(400);
  });

  it("enforces the custom key event limit with 429 RESOURCE_EXHAUSTED and pages lists", async () => {
    const p = "properties/400000099"; // auto-created on first use, starts with purchase
    for (const e of ["a1", "a2", "a3"]) {
      await f.admin.properties.keyEvents.create({
        parent: p,
        requestBody: { eventName: e, countingMethod: 2 as unknown as string },
      });
    }
    expect(
      await failure(
        f.admin.properties.keyEvents.create({
          parent: p,
          requestBody: { eventName: "a4", countingMethod: "ONCE_PER_EVENT" },
        }),
      ),
    ).toMatchObject({
      status: 429,
      reason: "limitExceeded",
    });
    const first = (await f.admin.properties.keyEvents.list({ parent: p, pageSize: 3 })).data;
    expect(first.keyEvents!.map((k) => k.eventName)).toEqual(["purchase", "a1", "a2"]);
    const second = (
      await f.admin.properties.keyEvents.list({ parent: p, pageSize: 3, pageToken: first.nextPageToken! })
    ).data;
    expect(second.keyEvents!.map((k) => [k.eventName, k.countingMethod])).toEqual([
      ["a3", "ONCE_PER_SESSION"],
    ]);
    expect(second.nextPageToken).toBeUndefined();
  });
});

describe("GA4 Admin custom dimensions", () => {
  it("creates, patches, archives; parameterName immutable; duplicates 409; limit 429", async () => {
    const cds = f.admin.properties.customDimensions;
    const d = (
      await cds.create({
        parent: PROPERTY,
        requestBody: { parameterName: "goal_id", displayName: "Goal id", scope: "EVENT" },
      })
    ).data;
    expect(d).toMatchObject({ parameterName: "goal_id", scope: "EVENT" });
    expect((await cds.get({ name: d.name! })).data.displayName).toBe("Goal id");
    expect(
      (
        await failure(
          cds.create({
            parent: PROPERTY,
            requestBody: { parameterName: "goal_id", displayName: "Again", scope: "EVENT" },
          }),
        )
      ).status,
    ).toBe(409);
    const patched = (
      await cds.patch({ name: d.name!, updateMask: "displayName", requestBody: { displayName: "Goal" } })
    ).data;
    expect(patched.displayName).toBe("Goal");
    expect(
      (
        await failure(
          cds.patch({ name: d.name!, updateMask: "parameterName", requestBody: { parameterName: "x" } }),
        )
      ).message,
    ).toMatch(/immutable/);
    expect(
      (
        await failure(
          cds.create({
            parent: PROPERTY,
            requestBody: { parameterName: "x".repeat(41), displayName: "Long", scope: "EVENT" },
          }),
        )
      ).status,
    ).toBe(400);
    await cds.create({
      parent: PROPERTY,
      requestBody: { parameterName: "goal_kind", displayName: "Goal kind", scope: "EVENT" },
    });
    expect(
      await failure(
        cds.create({
          parent: PROPERTY,
          requestBody: { parameterName: "third", displayName: "Third", scope: "EVENT" },
        }),
      ),
    ).toMatchObject({ status: 429 });
    await cds.archive({ name: d.name! });
    expect((await cds.list({ parent: PROPERTY })).data.customDimensions!.map((x) => x.parameterName)).toEqual(
      ["goal_kind"],
    );
    // Archiving frees the slot.
    await cds.create({
      parent: PROPERTY,
      requestBody: { parameterName: "third", displayName: "Third", scope: "EVENT" },
    });
  });
});
