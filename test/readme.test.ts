import { cliEntry } from "./support/cli-entry.js";
// The README is a promise: every `microgoals` command it shows must exist with the flags it shows,
// and the walk-through from `init` to a scheduled report must really work, end to end, through the
// CLI against the emulator.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../src/cli/registry.js";
import { EmulatorControl } from "../src/emulator/control-client.js";
import { type Emulator, startEmulator } from "../src/emulator/server.js";
import { loadTraffic } from "../src/emulator/traffic/load-traffic.js";
import { loadProject } from "../src/project/load.js";
import { projectRules } from "../src/report/rules/index.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** `microgoals <command> …` lines inside ```sh blocks, with their long flags. */
function readmeInvocations(markdown: string): { command: string; flags: string[]; line: string }[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  const out: { command: string; flags: string[]; line: string }[] = [];
  for (const block of blocks) {
    for (const line of block.split("\n")) {
      const code = line.replace(/\s+#.*$/, "");
      const m = /(?:^|\s)microgoals\s+([a-z-]+)(.*)$/.exec(code);
      if (!m) continue;
      const flags = [...m[2].matchAll(/(?:^|\s)(--[a-z-]+)/g)].map((f) => f[1]);
      out.push({ command: m[1], flags, line: line.trim() });
    }
  }
  return out;
}

describe("README commands", () => {
  it("finds the commands of the walk-through", () => {
    const names = new Set(readmeInvocations(README).map((i) => i.command));
    for (const c of ["init", "validate", "plan", "apply", "import", "compile", "export", "codegen", "report"])
      expect(names).toContain(c);
    expect(names).toContain("schedule");
    expect(names).toContain("emulator");
  });

  it("uses only registered commands and options", () => {
    const program = new Command("microgoals");
    for (const register of commands) register(program);
    const problems: string[] = [];
    for (const inv of readmeInvocations(README)) {
      const command = program.commands.find((c) => c.name() === inv.command);
      if (!command) {
        problems.push(`not a command: ${inv.line}`);
        continue;
      }
      const longs = new Set(command.options.map((o) => o.long));
      for (const flag of inv.flags) if (!longs.has(flag)) problems.push(`no option ${flag}: ${inv.line}`);
    }
    expect(problems).toEqual([]);
  });

  it("the parser sees flags and ignores comments", () => {
    const md = "```sh\nnpx microgoals plan my-site --out plan.json     # read-only --nope\n```\n";
    expect(readmeInvocations(md)).toEqual([
      {
        command: "plan",
        flags: ["--out"],
        line: "npx microgoals plan my-site --out plan.json     # read-only --nope",
      },
    ]);
  });
});

describe("README walk-through, through the CLI against the emulator", () => {
  let emulator: Emulator;
  let hook: Server;
  const posts: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "mg-readme-"));
  const site = join(dir, "my-site");
  const repo = new URL("..", import.meta.url).pathname;

  // Async on purpose: the emulator lives in this process, so a blocking spawn would deadlock it.
  function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
    const child = spawn(process.execPath, [...cliEntry(), ...args], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: "1", MICROGOALS_ENDPOINT: emulator.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    child.stderr.on("data", (c) => {
      err += c;
    });
    return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
  }

  beforeAll(async () => {
    // The CLI paces itself to 25 calls / 100 s; a raised --quota and an unmetered emulator keep this fast.
    emulator = await startEmulator({ port: 0, gtmQuota: false, thresholdUsers: 0 });
    const control = new EmulatorControl(emulator.url);
    await control.addContainer("1000001", "My Shop", "2000001");
    await control.addProperty("300000001");
    hook = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        posts.push(body);
        res.end("ok");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  });

  afterAll(async () => {
    await emulator?.close();
    await new Promise((r) => hook?.close(r));
  });

  it("1. init and validate", async () => {
    const init = await cli(["init", site, "--template", "ecommerce", "--github"]);
    expect(init.code, init.err).toBe(0);
    expect(existsSync(join(site, ".github/workflows/microgoals-pr.yml"))).toBe(true);
    const validate = await cli(["validate", site]);
    expect(validate.code, validate.err).toBe(0);
    expect(validate.out).toMatch(/0 errors/);
  });

  it("4. plan, then apply the saved plan and publish", async () => {
    const planFile = join(dir, "plan.json");
    const plan = await cli(["plan", site, "--out", planFile, "--detailed-exitcode"]);
    expect(plan.code, plan.err).toBe(2);
    expect(plan.out).toMatch(/\+ create tag "microgoals · macro · purchase"/);
    const apply = await cli(["apply", planFile, "--publish", "--yes", "--quota", "100000"]);
    expect(apply.code, apply.err).toBe(0);
    expect(apply.out).toMatch(/Published container version/);
    const again = await cli(["plan", site, "--detailed-exitcode"]);
    expect(again.code, again.out).toBe(0);
  });

  it("5–6. compile, export, import, codegen", async () => {
    expect((await cli(["compile", site])).code).toBe(0);
    const container = join(dir, "container.json");
    expect((await cli(["export", site, "--out", container])).code).toBe(0);
    const imported = join(dir, "imported", "goals", "imported.yaml");
    const imp = await cli(["import", container, "--out", imported]);
    expect(imp.code, imp.err).toBe(0);
    expect(readFileSync(imported, "utf8")).toMatch(/id: purchase/);
    const codegen = await cli(["codegen", "--lang", "ts", "--out", join(dir, "goals.ts"), site]);
    expect(codegen.code, codegen.err).toBe(0);
    expect(readFileSync(join(dir, "goals.ts"), "utf8")).toMatch(/dataLayer/);
  });

  it("7. report in the terminal and as HTML", async () => {
    const loaded = await loadProject(site, { rules: projectRules });
    const today = new Date();
    const start = new Date(today.getTime() - 27 * 86_400_000).toISOString().slice(0, 10);
    loadTraffic(emulator.events, "300000001", loaded.project!, {
      seed: 3,
      startDate: start,
      days: 27,
      users: 3000,
    });
    const table = await cli(["report", site, "--since", "28daysAgo", "--until", "yesterday"]);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/→ purchase/);
    // `microgoals emulator` counts users like GA4 (HyperLogLog++), and the report says so.
    expect(table.out).toMatch(/HyperLogLog\+\+ estimates/);
    const html = join(dir, "report.html");
    expect((await cli(["report", site, "--format", "html", "--out", html])).code).toBe(0);
    expect(readFileSync(html, "utf8")).toMatch(/<svg/);
  });

  it("8. history, alerts, webhook, schedule --once", async () => {
    const history = join(dir, "reports", "history.jsonl");
    const webhook = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const first = await cli([
      "report",
      site,
      "--history",
      history,
      "--alert-on",
      "drop>=20%",
      "--webhook",
      webhook,
    ]);
    expect(first.code, first.err).toBe(0);
    expect(posts.length).toBe(1);
    const scheduled = await cli(["schedule", site, "--once", "--history", history]);
    expect([0, 3], scheduled.err).toContain(scheduled.code);
    expect(readFileSync(history, "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("9. the emulator command listens and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [...cliEntry(), "emulator", "--port", "0"], {
      cwd: repo,
    });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = "";
      child.stdout.on("data", (c) => {
        seen += c;
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(seen);
        if (m) resolve(m[0]);
      });
      child.on("exit", () => reject(new Error(`emulator exited early: ${seen}`)));
    });
    const res = await fetch(`${url}/tagmanager/v2/accounts`);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("a new user's first hour: a fresh init project of each template, against `microgoals emulator`", () => {
  const dir = mkdtempSync(join(tmpdir(), "mg-first-hour-"));
  // The project folder is not the repository: the CLI is started by absolute path (cliEntry).
  let emulator: ReturnType<typeof spawn>;
  let url = "";

  function cli(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [...cliEntry(), ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", MICROGOALS_ENDPOINT: "", ...env },
      // No terminal: what CI and scripts have.
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout?.on("data", (c) => {
      out += c;
    });
    child.stderr?.on("data", (c) => {
      err += c;
    });
    return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
      child.on("close", (code) => resolve({ code, out, err })),
    );
  }

  beforeAll(async () => {
    // The emulator as the README starts it: no containers prepared for the user's project.
    emulator = spawn(process.execPath, [...cliEntry(), "emulator", "--port", "0", "--time-scale", "100"], {
      cwd: dir,
    });
    url = await new Promise<string>((resolve, reject) => {
      let seen = "";
      emulator.stdout?.on("data", (c) => {
        seen += c;
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(seen);
        if (m) resolve(m[0]);
      });
      emulator.on("exit", () => reject(new Error(`emulator exited early: ${seen}`)));
    });
  });

  afterAll(() => {
    emulator?.kill("SIGTERM");
  });

  it.each(["ecommerce", "lead-gen", "saas", "content"])(
    "%s: init, validate, plan into a new folder, apply the saved plan without a terminal, publish",
    async (template) => {
      const site = `site-${template}`;
      expect((await cli(["init", site, "--template", template])).code).toBe(0);
      const validate = await cli(["validate", site]);
      expect(validate.code, validate.out).toBe(0);
      const planFile = join("out", template, "plan.json");
      const plan = await cli(["plan", site, "--endpoint", url, "--time-scale", "100", "--out", planFile]);
      expect(plan.code, plan.err).toBe(0);
      expect(plan.out).toMatch(/to create/);
      // The saved plan remembers where and at which quota clock it was made (never credentials).
      const saved = JSON.parse(readFileSync(join(dir, planFile), "utf8"));
      expect(saved.connection).toEqual({ endpoint: url, timeScale: 100 });
      const apply = await cli(["apply", planFile, "--publish"]);
      expect(apply.code, apply.err).toBe(0);
      expect(apply.out).toMatch(/Published container version/);
      const again = await cli([
        "plan",
        site,
        "--endpoint",
        url,
        "--time-scale",
        "100",
        "--detailed-exitcode",
      ]);
      expect(again.code, again.out).toBe(0);
    },
  );

  it("demo <dir> runs that project and prints that project's built-in effects", async () => {
    const site = "site-demo";
    expect((await cli(["init", site, "--template", "lead-gen"])).code).toBe(0);
    const goals = readFileSync(join(dir, site, "goals", "leads.yaml"), "utf8");
    const demo = await cli(["demo", site, "--users", "2000", "--html", "out/demo/report.html"]);
    expect(demo.code, demo.err).toBe(0);
    const builtIn = /Built in: (.*)\./.exec(demo.out)?.[1] ?? "";
    const named = [...builtIn.matchAll(/([a-z_]+)→([a-z_]+)/g)].flatMap((m) => [m[1], m[2]]);
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(goals).toContain(`id: ${id}`);
    expect(existsSync(join(dir, "out/demo/report.html"))).toBe(true);
  });

  it("an output path that cannot be written is one line and exit 1, never 'internal error'", async () => {
    const folderAsPath = await cli(["export", "site-ecommerce", "--out", "out"]);
    expect(folderAsPath.code).toBe(1);
    expect(folderAsPath.err).toMatch(/cannot write the container export to out: it is a folder\n.*file name/);
    expect(folderAsPath.err).not.toMatch(/internal error/);
    const missing = await cli(["apply", "nosuch.json"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nosuch\.json does not exist/);
  });
});

describe("README real-data example", () => {
  it("points inside the repository, so it runs from a fresh clone", async () => {
    const line = readmeInvocations(README).find(
      (i) => i.command === "report" && i.line.includes("--source files"),
    );
    expect(line).toBeDefined();
    const glob = /--files '([^']+)'/.exec(line!.line)?.[1] ?? "";
    expect(glob.startsWith("..")).toBe(false);
    const { runReport } = await import("../src/report/run-report.js");
    const repo = new URL("..", import.meta.url).pathname;
    const { analysis } = await runReport({
      dir: join(repo, "examples/merch-store"),
      source: { kind: "files", files: join(repo, glob) },
    });
    expect(analysis.totalUsers).toBe(2365);
  });
});
