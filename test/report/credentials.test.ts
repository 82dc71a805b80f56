// `report` without usable Google credentials: one clear user error (the same as deploy's), never
// "internal error", never an unhandled rejection from the official clients (a long `schedule`
// process must survive a failed run). No network: every failure here is local.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { GoogleAuth } from "google-auth-library";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { runReport } from "../../src/report/run-report.js";
import { officialDataClients } from "../../src/report/sources/data-api/clients.js";
import { cliEntry } from "../support/cli-entry.js";

const root = resolve(import.meta.dirname, "../..");
const empty = mkdtempSync(join(tmpdir(), "report-nocreds-"));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/** An environment where Application Default Credentials can find nothing, decided locally. */
function noCredentialsEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: empty, CLOUDSDK_CONFIG: empty };
  env.METADATA_SERVER_DETECTION = "none";
  for (const k of ["MICROGOALS_ENDPOINT", "GOOGLE_APPLICATION_CREDENTIALS", "MICROGOALS_DEBUG"])
    delete env[k];
  return env;
}

/** Collects unhandled rejections while a test runs, so a test can assert there were none. */
function unhandled(): { seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const on = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", on);
  return { seen, stop: () => process.off("unhandledRejection", on) };
}
const settle = () => new Promise((r) => setTimeout(r, 50));

describe("report without credentials", () => {
  it("the CLI prints deploy's no-credentials error and exits 1", async () => {
    const r = await promisify(execFile)(process.execPath, [...cliEntry(), "report", root], {
      env: noCredentialsEnv(),
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.stderr).toContain("microgoals: no Google credentials found");
    expect(r.stderr).toContain("gcloud auth application-default login");
    expect(r.stderr).not.toContain("internal error");
    expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(r.code).toBe(1);
  });

  describe("in-process", () => {
    const saved = { ...process.env };
    beforeAll(() => {
      const env = noCredentialsEnv();
      for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
      Object.assign(process.env, env);
    });
    afterAll(() => {
      for (const k of Object.keys(process.env)) delete process.env[k];
      Object.assign(process.env, saved);
    });

    it("runReport rejects with the UserError before any request", async () => {
      const watch = unhandled();
      try {
        const err = await runReport({ dir: root }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UserError);
        expect((err as UserError).message).toBe("no Google credentials found");
        expect((err as UserError).exitCode).toBe(1);
        await settle();
        expect(watch.seen).toEqual([]);
      } finally {
        watch.stop();
      }
    });
  });
});

describe("official clients whose auth fails", () => {
  let watch: ReturnType<typeof unhandled>;
  afterEach(() => watch?.stop());

  it("reject each call in the caller's hands, close cleanly, leave no unhandled rejection", async () => {
    watch = unhandled();
    // A real GoogleAuth that fails locally when the clients start (the key file does not exist).
    const auth = new GoogleAuth({ keyFile: join(empty, "missing-key.json") });
    const clients = await officialDataClients({ fallback: true, auth });
    await expect(clients.batchRunReports({ property: "properties/1", requests: [] })).rejects.toThrow(
      /missing-key\.json|ENOENT/,
    );
    await expect(clients.runFunnelReport({ property: "properties/1" })).rejects.toThrow(/ENOENT|missing/);
    // A second call sees the same failure, still handled.
    await expect(clients.batchRunReports({ property: "properties/1", requests: [] })).rejects.toThrow();
    await expect(clients.close()).resolves.toBeUndefined();
    await settle();
    expect(watch.seen).toEqual([]);
  });
});
