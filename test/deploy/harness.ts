// Shared setup for the deploy end-to-end tests: an emulator on port 0 with a time-scaled GTM quota,
// the example project (optionally edited in memory), and helpers to look at the emulator's state.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../../src/compile/compile.js";
import type { DesiredState } from "../../src/compile/desired-state.js";
import { parseMarker } from "../../src/compile/ownership.js";
import type { DeployOptions } from "../../src/deploy/deploy.js";
import type { StoredEntity } from "../../src/emulator/gtm/types.js";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/server.js";
import { openSession, type Session } from "../../src/gtm/session.js";
import { loadProjectFromStrings } from "../../src/project/load.js";

export const TIME_SCALE = 1000; // GTM's 100 s window lasts 100 ms
const ROOT = join(import.meta.dirname, "../..");

export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {
    "microgoals.yaml": readFileSync(join(ROOT, "microgoals.yaml"), "utf8"),
  };
  for (const f of readdirSync(join(ROOT, "goals")).sort())
    files[`goals/${f}`] = readFileSync(join(ROOT, "goals", f), "utf8");
  return files;
}

export function desiredFrom(files: Record<string, string>): DesiredState {
  const r = loadProjectFromStrings(files, ROOT);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.project || errors.length > 0)
    throw new Error(`spec errors: ${errors.map((e) => e.message).join("; ")}`);
  return compile(r.project);
}

export function exampleDesired(): DesiredState {
  return desiredFrom(exampleFiles());
}

const started: Emulator[] = [];

/** An emulator on port 0 with the time-scaled quota; `afterEach(closeEmulators)` closes it. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ port: 0, timeScale: TIME_SCALE, ...options });
  started.push(emu);
  return emu;
}

export async function closeEmulators(): Promise<void> {
  await Promise.all(started.splice(0).map((e) => e.close()));
}

/** Fresh session per run (like a new CLI process) unless one is passed in. */
export async function session(emu: Emulator, extra: Partial<DeployOptions> = {}): Promise<Session> {
  return openSession({
    endpoint: emu.url,
    scopes: "publish",
    timeScale: TIME_SCALE,
    quota: extra.quota,
    retry: { maxAttempts: 12, ...extra.retry },
  });
}

export function workspaceEntities(emu: Emulator, name = "microgoals") {
  const c = emu.state.gtm.accounts
    .find((a) => a.accountId === "6000001")!
    .containers.find((x) => x.containerId === "9000001")!;
  const ws = c.workspaces.find((w) => w.name === name);
  return ws;
}

export function ownedKeys(list: StoredEntity[]): string[] {
  return list
    .map((e) => parseMarker(e.notes as string)?.key)
    .filter((k): k is string => k !== undefined)
    .sort();
}

export async function control(emu: Emulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`control ${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

export function wsControlPath(emu: Emulator): string {
  const ws = workspaceEntities(emu)!;
  return `/gtm/accounts/6000001/containers/9000001/workspaces/${ws.workspaceId}`;
}
