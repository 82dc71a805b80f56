import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { cliEntry } from "../support/cli-entry.js";

describe("microgoals emulator (CLI)", () => {
  it("prints the URL it listens on, serves requests and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [...cliEntry(), "emulator", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once("exit", () => reject(new Error(`exited early: ${out}`)));
    });
    const res = await fetch(`${url}/tagmanager/v2/accounts`);
    expect((await res.json()).account[0].accountId).toBe("6000001");
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  }, 15_000);

  it("rejects a bad flag value with usage exit code 2", async () => {
    const child = spawn(process.execPath, [...cliEntry(), "emulator", "--time-scale", "fast"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(err).toMatch(/--time-scale must be a number/);
  }, 15_000);
});
