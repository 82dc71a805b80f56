// `microgoals discover --source ga4` as a user runs it: a real process against the emulator holding
// planted traffic and a registered custom dimension; the estimate is printed before the search.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExport } from "../../../src/emulator/load-export.js";
import { type Emulator, startEmulator } from "../../../src/emulator/server.js";
import { cliEntry } from "../../support/cli-entry.js";
import { writePlantedTraffic } from "./planted-traffic.js";

const run = promisify(execFile);
const PROPERTY = "400000002";

describe("microgoals discover --source ga4", () => {
  let emulator: Emulator;
  const dir = mkdtempSync(join(tmpdir(), "mg-discover-cli-"));
  const cli = (args: string[]) =>
    run(process.execPath, [...cliEntry(), "discover", dir, "--macro", "purchase", ...args], {
      env: { ...process.env, NO_COLOR: "1", MICROGOALS_ENDPOINT: "" },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );
  const ga4 = () => [
    "--source",
    "ga4",
    "--endpoint",
    emulator.url,
    "--since",
    "2024-05-01",
    "--until",
    "2024-05-10",
  ];

  beforeAll(async () => {
    mkdirSync(join(dir, "goals"));
    writeFileSync(
      join(dir, "microgoals.yaml"),
      `version: 1
name: Planted
default_target: t
targets:
  t:
    gtm: { account: "1", container: "1", workspace: microgoals }
    ga4: { property: "${PROPERTY}", measurement_id: G-TEST000001 }
report: { window: 7d, min_users: 30 }
`,
    );
    writeFileSync(
      join(dir, "goals/site.yaml"),
      "goals:\n  - id: purchase\n    title: Purchase\n    kind: macro\n    trigger:\n      data_layer: { event: purchase }\n",
    );
    emulator = await startEmulator({ port: 0, data: { now: new Date("2024-06-01T00:00:00Z") } });
    await loadExport(emulator.events, writePlantedTraffic(dir, 21, 2000), { propertyId: PROPERTY });
    // Outbound clicks carrying link_domain, registered as an event-scoped custom dimension.
    for (let i = 0; i < 200; i++)
      emulator.events.append({
        propertyId: PROPERTY,
        userId: `clicker_${i}`,
        sessionId: 1,
        timestampMicros: Date.UTC(2024, 4, 2 + (i % 2), 12) * 1000,
        eventName: "click",
        params: { link_domain: "partner.example" },
      });
    const created = await fetch(`${emulator.url}/v1beta/properties/${PROPERTY}/customDimensions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ parameterName: "link_domain", displayName: "Link domain", scope: "EVENT" }),
    });
    expect(created.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await emulator?.close();
  });

  it("prints the estimate before the search and the tokens used after; searches custom dimensions", async () => {
    const r = await cli([...ga4(), "--format", "json"]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toMatch(
      /^microgoals: discover: \d+ candidates \(\d+ too rare to query\) → \d+ funnel requests, about \d+ tokens/,
    );
    expect(lines[1]).toMatch(/^microgoals: discover: the Data API answered \d+ requests using \d+ tokens$/);
    const d = JSON.parse(r.stdout);
    expect(d.split).toMatch(/firstSessionDate/);
    expect(d.cost.tokens).toBeGreaterThan(0);
    const labels = d.candidates.map((c: { label: string }) => c.label);
    expect(labels).toContain("click · link_domain=partner.example");
    expect(
      d.candidates
        .filter((c: { significant: boolean }) => c.significant)
        .map((c: { label: string }) => c.label),
    ).toContain("download_brochure");
  }, 120_000);

  it("refuses above --max-tokens with one line naming the figure", async () => {
    const r = await cli([...ga4(), "--max-tokens", "3"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/about \d+ Data API tokens .*above --max-tokens 3; the search was not run/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  }, 120_000);

  it("keeps each source's flags to its source", async () => {
    expect((await cli(["--files", "x.json", "--max-tokens", "10"])).code).toBe(2);
    expect((await cli([...ga4(), "--max-tokens", "lots"])).code).toBe(2);
    expect((await cli([...ga4(), "--files", "x.json"])).code).toBe(2);
  }, 120_000);
});
