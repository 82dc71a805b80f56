// An emulator holding the given events, with the official Data API clients pointed at it, for
// tests that compare the Data API source with a brute-force count. Registers its own hooks.
import { afterAll, beforeAll } from "vitest";
import type { EventInput } from "../../src/emulator/data/event-store.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { type DataClients, dataClients } from "../../src/report/sources/data-api/clients.js";

export function dataApiFixture(events: EventInput[]): { clients(): DataClients; emulator(): Emulator } {
  let emulator: Emulator;
  let clients: DataClients;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, data: { now: new Date("2024-06-01T00:00:00Z") } });
    emulator.events.appendBatch(events);
    clients = await dataClients({ endpoint: emulator.url });
  });
  afterAll(async () => {
    await clients?.close();
    await emulator?.close();
  });
  return { clients: () => clients, emulator: () => emulator };
}
