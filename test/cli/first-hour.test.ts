// A new user's dead ends (issue 18), each checked where it happens: in the loader, the caller, the
// report, and through the real CLI for what only the CLI decides (exit codes, help, one-line errors).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyEmulatorHint } from "../../src/cli/run/empty-emulator-hint.js";
import { UsageError } from "../../src/errors.js";
import { errorFacts } from "../../src/google/api-error.js";
import { Budget, formatBudget } from "../../src/google/budget.js";
import { ApiCallError, ApiCaller } from "../../src/google/caller.js";
import { analyze } from "../../src/report/analyze.js";
import { caveatLines } from "../../src/report/render/caveat-lines.js";
import { runReport } from "../../src/report/run-report.js";
import { found, L, load, micro, withGoals } from "../project/harness.js";
import { testInput, testProject } from "../report/fixture.js";
import { runCli } from "./run-cli.js";

describe("YAML mistakes", () => {
  it("a tab gives one error, not the cascade after it", () => {
    const r = load(withGoals(["  - id: x", "    title: X", "\tkind: micro"]));
    expect(r.diagnostics.map((d) => d.rule)).toEqual(["tab-indent"]);
  });

  it("a misindented line gets a hint about indentation", () => {
    const r = load(withGoals(["  - id: x", "     title: X", "    kind: micro"]));
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => /indentation/.test(d.hint ?? ""))).toBe(true);
  });

  it("a bad regular expression gets a hint", () => {
    const r = load(withGoals(micro("x", ["      page_view:", '        path: { matches: "/a/(" }'])));
    expect(found(withGoals(micro("x", ["      page_view:", '        path: { matches: "/a/(" }'])))).toContain(
      `invalid-regex@goals/a.yaml:${L(8)}:26`,
    );
    expect(r.diagnostics.find((d) => d.rule === "invalid-regex")?.hint).toMatch(/backslash/);
  });
});

describe("an unreachable endpoint", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });

  it("fails on the first call at once, with a hint, instead of retrying for minutes", async () => {
    const caller = new ApiCaller({ budget: new Budget() });
    let attempts = 0;
    const err = await caller
      .call("read", "workspaces.list", async () => {
        attempts++;
        throw refused;
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(attempts).toBe(1);
    expect((err as ApiCallError).message).toMatch(/^cannot connect \(workspaces\.list\)/);
    expect((err as ApiCallError).hint).toMatch(/microgoals emulator/);
  });

  it("a web page answer is one line, not the page", () => {
    const page = `<!DOCTYPE html>\n<html><body>${"x".repeat(5000)}</body></html>`;
    const facts = errorFacts(Object.assign(new Error(page), { response: { status: 404, data: page } }));
    expect(facts.message).not.toContain("\n");
    expect(facts.message).toMatch(/web page \(HTTP 404\)/);
  });
});

describe("report dates and empty answers", () => {
  it.each([
    [{ since: "2024-13-45" }, /--since 2024-13-45 is not a date/],
    [{ since: "2024-02-30" }, /not a date/],
    [{ since: "last week" }, /not a date/],
    [{ since: "2024-05-02", until: "2024-05-01" }, /is after --until/],
  ])("%o is a usage error before any file or request", async (dates, message) => {
    const err = await runReport({
      project: testProject(),
      ...dates,
      source: { kind: "files", files: "/nonexistent/*.parquet" },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
  });

  it("a property or range with no events at all says so, not 'check its trigger' per goal", () => {
    const input = testInput();
    const empty = {
      ...input,
      totalUsers: 0,
      goals: input.goals.map((g) => ({ ...g, users: 0, events: 0 })),
      pairs: input.pairs.map((p) => ({
        ...p,
        microUsers: 0,
        nonMicroUsers: 0,
        convertedAfterMicro: 0,
        convertedWithoutMicro: 0,
      })),
    };
    const lines = caveatLines(analyze(testProject(), empty)).map((l) => l.text);
    expect(lines.some((l) => /^No events at all in GA4 property 400000001/.test(l))).toBe(true);
    expect(lines.some((l) => /check its trigger/.test(l))).toBe(false);
    // From the local emulator (it starts empty), the CLI says how to fill it.
    const a = analyze(testProject(), empty);
    expect(emptyEmulatorHint(a, "http://127.0.0.1:8085")).toMatch(
      /^the emulator at http:\/\/127\.0\.0\.1:8085 has no events for property 400000001\. .*--load-property 400000001\).*microgoals demo/,
    );
    expect(emptyEmulatorHint(a, "http://localhost:9000")).toBeDefined();
    expect(emptyEmulatorHint(a, "https://analyticsdata.googleapis.com")).toBeUndefined();
    expect(emptyEmulatorHint(a, undefined)).toBeUndefined();
    expect(emptyEmulatorHint(analyze(testProject(), input), "http://127.0.0.1:8085")).toBeUndefined();
    expect(a.pairs[0]?.note).toBe("no events at all in the property for this range");
    // Events, but none of the goals' (a project's goals on another site's data): its triggers.
    const others = analyze(testProject(), { ...empty, totalUsers: 17_691 });
    expect(others.pairs[0]?.note).toMatch(/^no data for .*: check its trigger$/);
    expect(emptyEmulatorHint(others, "http://127.0.0.1:8085")).toBeUndefined();
  });
});

describe("counts read right", () => {
  it("the calls line says 1 read, 1 retry", () => {
    const line = formatBudget({ reads: 1, writes: 2, retries: 1, rateLimited: 1, elapsedMs: 0 } as never);
    expect(line).toMatch(/^calls: 1 read, 2 writes, 1 retry, 1 rate-limit answer;/);
  });
});

describe("the CLI's conventions", () => {
  it("a usage error is the error and one pointer at --help, exit 2", () => {
    const r = runCli(["report", "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: unknown option '--bogus'",
      "(run with --help for usage and examples)",
    ]);
  });

  it("every command's help has examples; the program's lists environment variables and exit codes", () => {
    const top = runCli(["--help"]).stdout;
    expect(top).toMatch(/Environment:[\s\S]*MICROGOALS_ENDPOINT/);
    expect(top).toMatch(/Exit codes:[\s\S]*130/);
    for (const c of ["plan", "report", "export", "schedule"])
      expect(runCli([c, "--help"]).stdout).toMatch(/Examples:\n {2}microgoals /);
  });

  it("--alert-on and --timezone typos are usage errors (exit 2)", () => {
    const alert = runCli([
      "report",
      "examples/merch-store",
      "--history",
      "/tmp/h.jsonl",
      "--alert-on",
      "drop 20%",
    ]);
    expect(alert.code).toBe(2);
    expect(alert.stderr).toMatch(/--alert-on: invalid alert rule "drop 20%"/);
    const zone = runCli(["schedule", ".", "--once", "--timezone", "Mars/Base"]);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toMatch(/--timezone Mars\/Base is not a time zone/);
  });

  it("--format json and its --json alias print the same", () => {
    const a = runCli(["compile", ".", "--format", "json"]);
    const b = runCli(["compile", ".", "--json"]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect(runCli(["compile", ".", "--format", "yaml"]).code).toBe(2);
  });
});

describe("import", () => {
  it("with nothing to import says so and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-import-"));
    writeFileSync(join(dir, "empty.json"), JSON.stringify({ containerVersion: { tag: [] } }));
    const r = runCli(["import", join(dir, "empty.json"), "-o", join(dir, "out", "imported.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing to import/);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("into a project whose ids collide gets a hint at --prefix, and --prefix imports", () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-import-"));
    expect(runCli(["init", join(dir, "site"), "--template", "ecommerce"]).code).toBe(0);
    expect(runCli(["export", join(dir, "site"), "-o", join(dir, "c.json")]).code).toBe(0);
    const out = join(dir, "site", "goals", "imported.yaml");
    const clash = runCli(["import", join(dir, "c.json"), "-o", out]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/already in .*: .*purchase[\s\S]*--prefix/);
    expect(existsSync(out)).toBe(false);
    const prefixed = runCli(["import", join(dir, "c.json"), "-o", out, "--prefix", "gtm_"]);
    expect(prefixed.code, prefixed.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/id: gtm_purchase\n[\s\S]*event: purchase/);
  });
});
