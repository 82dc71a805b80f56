// End to end through the CLI: CSV → Measurement Protocol (the emulator, 20% of requests faulted,
// the first run killed with SIGKILL mid-send) → re-runs and reconcile until the ledger has nothing
// in doubt → every row stored exactly once → `report` on the Data API path shows the offline goal.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { cliEntry } from "../support/cli-entry.js";

const PROPERTY = "400000001";
const ROWS = 240;
let emulator: Emulator;
let dir: string;

const project = [
  "version: 1",
  "name: Offline",
  "default_target: prod",
  "targets:",
  "  prod:",
  '    gtm: { account: "6000001", container: "9000001" }',
  `    ga4: { property: "${PROPERTY}", measurement_id: G-EXAMPLE001 }`,
  "report:",
  "  since: 4daysAgo",
  "  until: today",
  "  min_users: 1",
  "  currency: EUR",
].join("\n");

const goals = [
  "goals:",
  "  - id: deal_closed",
  "    title: Deal closed",
  "    kind: macro",
  "    source: offline",
  "    event: close_convert_lead",
  "    key_event: { value: 900, currency: EUR }",
  "  - id: request_quote",
  "    title: Requested a quote",
  "    kind: micro",
  "    role: milestone",
  "    leads_to: [deal_closed]",
  "    trigger:",
  "      data_layer: { event: request_quote }",
].join("\n");

beforeAll(async () => {
  emulator = await startEmulator({ gtmQuota: false, seed: 15 });
  dir = mkdtempSync(join(tmpdir(), "mg-offline-"));
  mkdirSync(join(dir, "goals"));
  writeFileSync(join(dir, "microgoals.yaml"), `${project}\n`);
  writeFileSync(join(dir, "goals", "sales.yaml"), `${goals}\n`);
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(
  args: string[],
  env: Record<string, string> = {},
): ChildProcess & { done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  // tsx resolved from the repository: the CLI runs in the project's temporary folder.
  const child = spawn(process.execPath, [...cliEntry(), ...args], {
    cwd: dir,
    env: {
      ...process.env,
      NO_COLOR: "1",
      MICROGOALS_DEBUG: "",
      MICROGOALS_ENDPOINT: emulator.url,
      MICROGOALS_MP_API_SECRET: "e2e-secret-value",
      MICROGOALS_MP_BACKOFF_MS: "5",
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return Object.assign(child, { done });
}

/** transaction id → times stored by the emulator's Measurement Protocol */
function stored(): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of emulator.events.events(PROPERTY)) {
    if (e.eventName !== "close_convert_lead") continue;
    const tx = String(e.params.transaction_id);
    m.set(tx, (m.get(tx) ?? 0) + 1);
  }
  return m;
}

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

describe("offline conversions end to end", () => {
  it("refuses 40 malformed rows, each with its line and reason, and sends nothing", async () => {
    const good = "111.222,,%T,10,EUR,OK-1";
    const bad = [
      ",,%T,1,EUR,B", // no client id
      ",crm42,%T,1,EUR,B", // user id alone
      "1.1,,%T,1,EUR,", // no transaction id
      "1.1,,2020-01-01T00:00:00Z,1,EUR,B", // 72 h
      "1.1,,2099-01-01T00:00:00Z,1,EUR,B", // future
      "1.1,,yesterday,1,EUR,B", // not ISO
      "1.1,,%T,ten,EUR,B", // not numeric
      "1.1,,%T,1,eur,B", // currency
      "a@b.co,,%T,1,EUR,B", // e-mail
      "1.1,+44 20 7946 0958,%T,1,EUR,B", // phone
    ];
    const lines = ["client_id,user_id,timestamp,value,currency,transaction_id", good];
    for (let i = 0; i < 40; i++) lines.push((bad[i % bad.length] as string).replace(/,B$/, `,B${i}`));
    const text = lines.join("\n").replaceAll("%T", iso(3_600_000));
    writeFileSync(join(dir, "bad.csv"), `${text}\n`);
    const before = emulator.events.count;
    const r = await cli(["offline", "send", "bad.csv", "--goal", "deal_closed"]).done;
    expect(r.code).toBe(1);
    const refusals = r.stderr.split("\n").filter((l) => /^bad\.csv:\d+: /.test(l));
    expect(refusals).toHaveLength(40);
    expect(refusals.map((l) => Number(/^bad\.csv:(\d+):/.exec(l)![1]))).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 3),
    );
    expect(refusals[0]).toMatch(/bad\.csv:3: no client_id/);
    expect(refusals[8]).toMatch(/bad\.csv:11: client_id looks like an e-mail address/);
    expect(refusals[9]).toMatch(/bad\.csv:12: user_id looks like a phone number/);
    expect(r.stderr).toMatch(/40 bad rows in bad\.csv; nothing was sent/);
    expect(emulator.events.count).toBe(before);
    expect(r.stdout + r.stderr).not.toContain("e2e-secret-value");
  });

  it("takes the secret from a file or the environment only, and a dry run sends nothing", async () => {
    writeFileSync(join(dir, "one.csv"), `client_id,timestamp,transaction_id\n9.9,${iso(3_600_000)},ONE-1\n`);
    writeFileSync(join(dir, "secret.txt"), "file-secret-value\n");
    const before = emulator.events.count;
    const dry = await cli([
      "offline",
      "send",
      "one.csv",
      "--goal",
      "deal_closed",
      "--dry-run",
      "--api-secret-file",
      "secret.txt",
    ]).done;
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /dry run: 1 rows would be sent as close_convert_lead to G-EXAMPLE001 in 1 requests, all valid/,
    );
    expect(dry.stdout + dry.stderr).not.toContain("file-secret-value");
    expect(emulator.events.count).toBe(before);
    // The project as [dir], like every other command; two different ones are a usage error.
    const args = ["offline", "send", "one.csv", dir, "--goal", "deal_closed", "--dry-run"];
    const positional = await cli([...args, "--api-secret-file", "secret.txt"]).done;
    expect(positional.code, positional.stderr).toBe(0);
    const both = await cli([...args, "--dir", "elsewhere", "--api-secret-file", "secret.txt"]).done;
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/two project directories/);
    const missing = await cli(["offline", "send", "one.csv", "--goal", "deal_closed"], {
      MICROGOALS_MP_API_SECRET: "",
    }).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no Measurement Protocol API secret/);
    const flag = await cli(["offline", "send", "one.csv", "--goal", "deal_closed", "--api-secret", "x"]).done;
    expect(flag.code).toBe(2); // no such flag: a secret on the command line ends up in shell history
    const online = await cli(["offline", "send", "one.csv", "--goal", "request_quote"]).done;
    expect(online.code).toBe(2);
    expect(online.stderr).toMatch(/goal "request_quote" is not an offline goal/);
    emulator.events.clear();
  });

  it("converges to every row stored once through 20% faults and a SIGKILL mid-send", async () => {
    const lines = ["client_id,user_id,timestamp,value,currency,transaction_id"];
    for (let i = 0; i < ROWS; i++) {
      lines.push(`${100000 + i}.1764000000,,${iso(30 * 3_600_000 + i * 1000)},${500 + i},EUR,DEAL-${i}`);
    }
    writeFileSync(join(dir, "deals.csv"), `${lines.join("\n")}\n`);
    // The site's own traffic: 120 of the deal clients and 120 others requested a quote online, 40 h ago.
    for (let i = 0; i < 360; i++) {
      if (i >= 120 && i < ROWS) continue;
      const res = await fetch(`${emulator.url}/mp/collect?measurement_id=G-EXAMPLE001&api_secret=site`, {
        method: "POST",
        body: JSON.stringify({
          client_id: `${100000 + i}.1764000000`,
          events: [{ name: "request_quote", timestamp_micros: (Date.now() - 40 * 3_600_000) * 1000 }],
        }),
      });
      expect(res.status).toBe(204);
    }
    emulator.faults.set({
      paths: [
        {
          pattern: "mp/collect",
          rates: { http429: 0.05, http500: 0.04, http503: 0.04, drop: 0.035, lost: 0.035 },
        },
      ],
    });

    // First run: killed with SIGKILL once a third of the rows are in.
    const first = cli(["offline", "send", "deals.csv", "--goal", "deal_closed"]);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (stored().size >= ROWS / 3 || first.exitCode !== null) {
          clearInterval(poll);
          first.kill("SIGKILL");
          resolve();
        }
      }, 5);
    });
    const killed = await first.done;
    expect(killed.code).toBeNull(); // it died mid-send, not at the end

    let runs = 1;
    let reconciles = 0;
    for (; runs < 20; runs++) {
      const r = await cli(["offline", "send", "deals.csv", "--goal", "deal_closed"]).done;
      expect(r.stdout + r.stderr).not.toContain("e2e-secret-value");
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      if (r.code === 0) break;
      expect(r.stderr).toMatch(/in doubt|answered HTTP/);
      if (/in doubt/.test(r.stderr)) {
        const rec = await cli(["offline", "reconcile", "--goal", "deal_closed"]).done;
        expect(rec.code, rec.stderr).toBe(0);
        reconciles++;
      }
    }
    // Never twice, at any point: the counts only reach 1.
    const counts = stored();
    expect(counts.size).toBe(ROWS);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(reconciles).toBeGreaterThan(0); // the faults did leave rows in doubt
    const ledger = JSON.parse(
      readFileSync(join(dir, ".microgoals", "offline", "deal_closed.G-EXAMPLE001.ledger.json"), "utf8"),
    ) as { entries: Record<string, { state: string }> };
    expect(Object.values(ledger.entries).filter((e) => e.state === "sent")).toHaveLength(ROWS);

    // A further run sends nothing.
    emulator.faults.set({});
    const last = await cli(["offline", "send", "deals.csv", "--goal", "deal_closed"]).done;
    expect(last.code).toBe(0);
    expect(last.stdout).toMatch(new RegExp(`sent 0 rows .* ${ROWS} already sent`));
    expect(stored().size).toBe(ROWS);

    // report on the Data API path shows the offline goal
    const rep = await cli(["report", ".", "--format", "json"]).done;
    expect(rep.code, rep.stderr).toBe(0);
    const analysis = JSON.parse(rep.stdout) as {
      goals: { id: string; users: number; events: number }[];
      pairs: { microId: string; macroId: string; afterMicro: { x: number; n: number } }[];
    };
    expect(analysis.goals.find((g) => g.id === "deal_closed")).toMatchObject({ users: ROWS, events: ROWS });
    expect(analysis.goals.find((g) => g.id === "request_quote")).toMatchObject({ users: 240 });
    // 120 of the 240 who requested a quote online closed a deal offline afterwards
    expect(
      analysis.pairs.find((p) => p.microId === "request_quote" && p.macroId === "deal_closed"),
    ).toMatchObject({ afterMicro: { x: 120, n: 240 } });
  }, 240_000);
});
