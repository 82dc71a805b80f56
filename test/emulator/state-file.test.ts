import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/server.js";
import { CONTAINER, start } from "./fixture.js";

describe("--state persistence", () => {
  it("persists changes atomically and reloads them on the next start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    const file = join(dir, "state.json");
    const first = await start({ stateFile: file });
    const t = (
      await first.tm.accounts.containers.workspaces.triggers.create({
        parent: `${CONTAINER}/workspaces/1`,
        requestBody: { name: "Persisted", type: "pageview" },
      })
    ).data;
    await first.admin.properties.keyEvents.create({
      parent: "properties/400000001",
      requestBody: { eventName: "lead", countingMethod: "ONCE_PER_EVENT" },
    });
    await first.emulator.flush();
    expect(JSON.parse(readFileSync(file, "utf8")).format).toBe(1);
    await first.emulator.close();
    expect(readdirSync(dir)).toEqual(["state.json"]); // no temp file left behind

    const second = await start({ stateFile: file });
    expect((await second.tm.accounts.containers.workspaces.triggers.get({ path: t.path! })).data.name).toBe(
      "Persisted",
    );
    const events = (await second.admin.properties.keyEvents.list({ parent: "properties/400000001" })).data
      .keyEvents!;
    expect(events.map((e) => e.eventName)).toEqual(["purchase", "lead"]);
    // Ids keep counting from where they were.
    const next = (
      await second.tm.accounts.containers.workspaces.triggers.create({
        parent: `${CONTAINER}/workspaces/1`,
        requestBody: { name: "Second", type: "pageview" },
      })
    ).data;
    expect(Number(next.triggerId)).toBeGreaterThan(Number(t.triggerId));
    await second.emulator.close();
  });

  it("refuses a file that is not emulator state", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    const file = join(dir, "bad.json");
    (await import("node:fs")).writeFileSync(file, '{"format": 9}');
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(/not an emulator state file/);
  });
});
