// The TTY experience of `microgoals apply`, in a real pseudo-terminal: `script` (util-linux) gives
// the CLI process a pty, the test types into it. The CLI talks to an emulator hosted here over HTTP,
// so everything in this process is async (spawn, never spawnSync: it would block the emulator).
import { execFile, execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { planDeploy } from "../../src/deploy/deploy.js";
import type { Emulator } from "../../src/emulator/server.js";
import { hasChanges } from "../../src/plan/model.js";
import { cliEntry } from "../support/cli-entry.js";
import {
  closeEmulators,
  emulator,
  exampleDesired,
  ownedKeys,
  session,
  workspaceEntities,
} from "./harness.js";

const ROOT = join(import.meta.dirname, "../..");
const CLI = [process.execPath, ...cliEntry()];
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

afterEach(closeEmulators);

function env(emu: Emulator): NodeJS.ProcessEnv {
  // The CLI paces in real time (100 s windows): the emulator's quota is off and --quota set instead.
  return {
    ...process.env,
    MICROGOALS_ENDPOINT: emu.url,
    MICROGOALS_QUOTA_FILE: "off",
    MICROGOALS_DEBUG: "",
    NO_COLOR: "1",
    TERM: "xterm",
  };
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** `microgoals <args>` on a pty; `type` writes keystrokes, `waitFor` waits for screen output. */
function onTty(emu: Emulator, args: string[]) {
  const child = spawn("script", ["-qec", [...CLI, ...args].map(quote).join(" "), "/dev/null"], {
    cwd: ROOT,
    env: env(emu),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let screen = "";
  const watchers: (() => void)[] = [];
  const onData = (d: Buffer) => {
    screen += d.toString();
    for (const w of watchers.splice(0)) w();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  const timer = setTimeout(() => child.kill("SIGKILL"), 50_000);
  exited.finally(() => clearTimeout(timer));
  return {
    screen: () => screen,
    type: (keys: string) => child.stdin.write(keys),
    exited: exited.then((code) => {
      child.stdin.end();
      return code;
    }),
    waitFor(pattern: RegExp): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(screen)) resolve();
          else if (child.exitCode !== null) reject(new Error(`exited before ${pattern}:\n${screen}`));
          else watchers.push(check);
        };
        exited.then(check);
        check();
      });
    },
  };
}

const PROMPT = /Type 'yes' to continue: /;

describe.skipIf(!hasScript)("apply on a terminal (script pty)", () => {
  it("'yes' at the prompt applies, with a progress bar showing the ETA", async () => {
    const emu = await emulator({ gtmQuota: false });
    const tty = onTty(emu, ["apply", ".", "--quota", "1000"]);
    await tty.waitFor(PROMPT);
    expect(workspaceEntities(emu)).toBeUndefined(); // nothing written before the answer
    tty.type("yes\r");
    expect(await tty.exited, tty.screen()).toBe(0);
    const screen = tty.screen();
    expect(screen).toMatch(/\d+\/\d+ calls \| ETA 0s \|/); // --quota 1000: nothing to wait for
    expect(screen).toMatch(/Applied: GTM \d+ created/);
    expect(screen).not.toMatch(/^\[\d+\/\d+\] /m); // the bar, not the plain CI lines
    expect(ownedKeys(workspaceEntities(emu)!.entities.tag)).toEqual(
      exampleDesired()
        .gtm.tags.map((t) => t.key)
        .sort(),
    );
  }, 60_000);

  it("any other answer cancels with exit 1 and changes nothing", async () => {
    const emu = await emulator({ gtmQuota: false });
    const before = JSON.stringify(emu.state);
    const tty = onTty(emu, ["apply", ".", "--quota", "1000"]);
    await tty.waitFor(PROMPT);
    tty.type("y\r");
    expect(await tty.exited, tty.screen()).toBe(1);
    expect(tty.screen()).toMatch(/apply cancelled; nothing was changed/);
    expect(JSON.stringify(emu.state)).toBe(before);
  }, 60_000);

  it("Ctrl-C during apply stops between calls with exit 130; a re-run converges", async () => {
    const emu = await emulator({ gtmQuota: false });
    // --quota 12: after 12 GTM calls the CLI waits out a real 100-s window, so Ctrl-C lands mid-run.
    const tty = onTty(emu, ["apply", ".", "--quota", "12"]);
    await tty.waitFor(PROMPT);
    tty.type("yes\r");
    // The ETA is the quota's: 12 calls per real 100 s leave minutes, not the pace so far's "1s".
    await tty.waitFor(/[1-9]\d*\/\d+ calls \| ETA [1-9]\d*m\d\ds \|/);
    tty.type("\x03"); // the pty turns it into SIGINT for the CLI, like a keyboard
    expect(await tty.exited, tty.screen()).toBe(130);
    expect(tty.screen()).toMatch(/Stopping after the current API call/);
    expect(tty.screen()).toMatch(/interrupted: stopped between API calls; re-run to continue/);
    const desired = exampleDesired();
    const partial = workspaceEntities(emu);
    expect(partial).toBeDefined(); // it did write…
    expect(partial!.entities.tag.length).toBeLessThan(desired.gtm.tags.length); // …and stopped early

    const rerun = await promisify(execFile)(
      CLI[0],
      [...CLI.slice(1), "apply", ".", "--yes", "--quota", "1000"],
      {
        cwd: ROOT,
        env: env(emu),
      },
    );
    expect(rerun.stdout).toMatch(/Applied: GTM \d+ created/);
    const ws = workspaceEntities(emu)!;
    expect(ownedKeys(ws.entities.tag)).toEqual(desired.gtm.tags.map((t) => t.key).sort());
    expect(ownedKeys(ws.entities.trigger)).toEqual(desired.gtm.triggers.map((t) => t.key).sort());
    expect(ownedKeys(ws.entities.variable)).toEqual(desired.gtm.variables.map((t) => t.key).sort());
    const again = await planDeploy(desired, { session: await session(emu, { quota: 1000 }) });
    expect(hasChanges(again.plan)).toBe(false);
  }, 60_000);
});
