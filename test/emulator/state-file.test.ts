import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
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

  it("creates a missing directory for the state file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    const file = join(dir, "not", "yet", "state.json");
    const f = await start({ stateFile: file });
    await f.tm.accounts.containers.workspaces.triggers.create({
      parent: `${CONTAINER}/workspaces/1`,
      requestBody: { name: "Nested", type: "pageview" },
    });
    await f.emulator.close();
    expect(readFileSync(file, "utf8")).toContain('"Nested"');
  });

  it("reports a failed write on stderr, keeps serving and writes again once the path is usable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    const file = join(dir, "state.json");
    const f = await start({ stateFile: file });
    // A non-empty directory where the file should be: the rename fails.
    mkdirSync(file);
    writeFileSync(join(file, "blocker"), "");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const parent = `${CONTAINER}/workspaces/1`;
      await f.tm.accounts.containers.workspaces.triggers.create({
        parent,
        requestBody: { name: "Lost", type: "pageview" },
      });
      await f.emulator.flush();
      const lines = stderr.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^emulator: could not write state to .*state\.json: /);
      expect(readdirSync(dir)).toEqual(["state.json"]); // temp file removed

      rmSync(file, { recursive: true });
      await f.tm.accounts.containers.workspaces.triggers.create({
        parent,
        requestBody: { name: "Kept", type: "pageview" },
      });
      await f.emulator.close();
      const names = JSON.stringify(JSON.parse(readFileSync(file, "utf8")));
      expect(names).toContain('"Lost"');
      expect(names).toContain('"Kept"');
      expect(stderr).toHaveBeenCalledTimes(1);
    } finally {
      stderr.mockRestore();
    }
  });

  it("refuses a file that is not emulator state", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    const file = join(dir, "bad.json");
    (await import("node:fs")).writeFileSync(file, '{"format": 9}');
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(/not an emulator state file/);
  });
});
