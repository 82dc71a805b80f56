import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventStore } from "../../../src/emulator/data/event-store.js";
import { measurementProtocolRoutes } from "../../../src/emulator/data/measurement-protocol.js";
import { pagePathOf } from "../../../src/report/query-plan.js";
import { type RouteServer, serveRoutes } from "./route-server.js";

const store = new EventStore();
let server: RouteServer;
beforeAll(async () => {
  server = await serveRoutes(
    measurementProtocolRoutes(store, {
      propertyFor: (id) => (id === "G-TEST" ? "123" : undefined),
      clock: () => 1_700_000_000_000,
    }),
  );
});
afterAll(() => server.close());

const post = (path: string, body: unknown, mid = "G-TEST") =>
  fetch(`http://127.0.0.1:${server.port}${path}?measurement_id=${mid}&api_secret=s3cret`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const debug = async (body: unknown) =>
  (
    (await (await post("/debug/mp/collect", body)).json()) as {
      validationMessages: { fieldPath: string; validationCode: string; description: string }[];
    }
  ).validationMessages;

describe("Measurement Protocol", () => {
  it("validates like /debug/mp/collect", async () => {
    expect(
      await debug({ client_id: "1.2", events: [{ name: "sign_up", params: { method: "email" } }] }),
    ).toEqual([]);
    expect((await debug({ events: [{ name: "x" }] })).map((m) => [m.fieldPath, m.validationCode])).toEqual([
      ["client_id", "VALUE_REQUIRED"],
    ]);
    const many = await debug({ client_id: "1", events: Array.from({ length: 26 }, () => ({ name: "ok" })) });
    expect(many[0]).toMatchObject({ fieldPath: "events", validationCode: "EXCEEDED_MAX_ENTITIES" });
    const names = await debug({
      client_id: "1",
      events: [
        { name: "_bad" },
        { name: "session_start" },
        { name: "a".repeat(41) },
        {
          name: "fine",
          params: {
            ga_x: 1,
            "bad-name": 2,
            long: "v".repeat(101),
            page_location: "https://x/".padEnd(900, "a"),
          },
        },
      ],
    });
    expect(names.map((m) => [m.fieldPath, m.validationCode])).toEqual([
      ["events[0].name", "NAME_INVALID"],
      ["events[1].name", "NAME_RESERVED"],
      ["events[2].name", "NAME_INVALID"],
      ["events[3].params.ga_x", "NAME_RESERVED"],
      ["events[3].params.bad-name", "NAME_INVALID"],
      ["events[3].params.long", "VALUE_OUT_OF_BOUNDS"],
    ]);
    expect((await debug("{not json")).map((m) => m.validationCode)).toEqual(["VALUE_INVALID"]);
    expect(store.count).toBe(0);
  });

  it("collects valid events with 204, drops invalid ones, never errors", async () => {
    const res = await post("/mp/collect", {
      client_id: "555.1",
      timestamp_micros: 1_700_000_000_000_000,
      events: [
        {
          name: "generate_lead",
          params: {
            session_id: "77",
            page_location: "https://shop.example/business/pricing?x=1",
            value: 400,
          },
        },
        { name: "_invalid" },
      ],
    });
    expect(res.status).toBe(204);
    expect((await post("/mp/collect", "garbage")).status).toBe(204);
    expect(
      (await post("/mp/collect", { client_id: "9", events: [{ name: "ok" }] }, "G-UNKNOWN")).status,
    ).toBe(204);
    expect([...store.events()]).toEqual([
      {
        propertyId: "123",
        userId: "555.1",
        sessionId: "77",
        timestampMicros: 1_700_000_000_000_000,
        eventName: "generate_lead",
        pagePath: "/business/pricing",
        sessionSource: "(not set)",
        params: { session_id: "77", page_location: "https://shop.example/business/pricing?x=1", value: 400 },
      },
    ]);
  });
});

describe("Measurement Protocol page path", () => {
  it("follows the project's page-path rule (report/query-plan.ts pagePathOf), not URL normalisation", async () => {
    const own = new EventStore();
    const mp = await serveRoutes(measurementProtocolRoutes(own, { propertyFor: () => "1" }));
    try {
      const cases: [Record<string, string>, string][] = [
        [{ page_location: "https://shop.example/a b/../c?x=1#top" }, "/a b/../c"],
        [{ page_location: "https://shop.example" }, "/"],
        [{ page_location: "https://shop.example?q=1" }, "/"],
        [{ page_location: "not a url" }, "/"],
        [{ page_path: "/only-a-param" }, "(not set)"], // GA4 reads the path from page_location only
      ];
      const res = await fetch(`http://127.0.0.1:${mp.port}/mp/collect?measurement_id=G-X&api_secret=s`, {
        method: "POST",
        body: JSON.stringify({ client_id: "1.1", events: cases.map(([params]) => ({ name: "pv", params })) }),
      });
      expect(res.status).toBe(204);
      const paths = [...own.events()].map((e) => e.pagePath);
      expect(paths).toEqual(cases.map(([, path]) => path));
      expect(paths).toEqual(cases.map(([p]) => pagePathOf(p.page_location)));
    } finally {
      await mp.close();
    }
  });
});
