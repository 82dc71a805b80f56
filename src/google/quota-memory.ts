// Quota memory across processes. GTM's 25-calls-per-100-s window belongs to the Google Cloud
// project, not to our process: a `plan` then `apply` in two CI steps, or two applies in a row, start
// inside the window the previous process filled. Each pacer writes its recent call times to one
// small JSON file and reads everyone else's, so a new process waits instead of being refused.
//
// Best-effort by design: an unreadable, unwritable or corrupt file means "no memory" (the retry
// still absorbs a refusal), never an error. Writes are atomic (temp file + rename). Concurrent
// processes each own one "writer" entry and merge on write (read, replace own entry, prune expired,
// rename); two writes racing can drop the other's entry until its next call rewrites it.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { SharedCalls } from "./pacer.js";

interface WriterEntry {
  windowMs: number;
  calls: number[];
}

/** { version: 1, projects: { <key>: { <writer>: { windowMs, calls } } } } */
interface MemoryFile {
  version: 1;
  projects: Record<string, Record<string, WriterEntry>>;
}

/**
 * Where the memory lives, or undefined for none. `MICROGOALS_QUOTA_FILE` names the file ("off"
 * disables it). Otherwise Google's quota is remembered in $XDG_CACHE_HOME (or ~/.cache)
 * /microgoals/gtm-quota.json. An --endpoint's window dies with the server and may be time-scaled:
 * it is remembered (in the temp folder) only when the server names its window, as the emulator
 * does (`epoch`, GET /__emulator/quota), since a window no one names could be stale.
 */
export function quotaMemoryPath(
  endpoint: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  epoch?: string,
): string | undefined {
  const override = env.MICROGOALS_QUOTA_FILE;
  if (override === "off") return undefined;
  if (override) return override;
  // The temp folder is shared: one folder per user, so nobody reads or blocks another's memory, and
  // one file per window, so runs against other emulators (a test suite's, in parallel) never
  // rewrite this window's file: two writes racing drop one of them.
  if (endpoint)
    return epoch
      ? join(emulatorMemoryFolder(), `emulator-quota-${quotaKey(endpoint, epoch)}.json`)
      : undefined;
  const cache = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "microgoals", "gtm-quota.json");
}

function emulatorMemoryFolder(): string {
  return join(tmpdir(), `microgoals-${process.getuid?.() ?? "user"}`);
}

/** A window's file untouched this long belongs to an emulator long gone. */
const STALE_WINDOW_MS = 24 * 3600 * 1000;

/** Best-effort: removes the files of emulator windows nobody has written to for a day. */
export function forgetStaleWindows(folder = emulatorMemoryFolder(), now = Date.now()): void {
  try {
    for (const name of readdirSync(folder)) {
      if (!/^emulator-quota-[0-9a-f]{16}\.json$/.test(name)) continue;
      const file = join(folder, name);
      if (now - statSync(file).mtimeMs > STALE_WINDOW_MS) rmSync(file, { force: true });
    }
  } catch {
    // no folder yet, or one we cannot read: nothing to forget
  }
}

/** Which quota a call is charged to: the endpoint's window (`epoch`, when it names one), or Google's. */
export function quotaKey(endpoint: string | undefined, epoch?: string): string {
  return createHash("sha256")
    .update(endpoint ?? "google")
    .update(epoch ? `#${epoch}` : "")
    .digest("hex")
    .slice(0, 16);
}

/**
 * The GTM window an endpoint names (the emulator's GET /__emulator/quota), when it is the window
 * this client paces to (`windowMs`): otherwise, or when the endpoint names none (no quota, not the
 * emulator, no quick answer), undefined, and nothing is remembered for it.
 */
export async function endpointQuotaEpoch(
  endpoint: string,
  windowMs: number,
  timeoutMs = 2000,
): Promise<string | undefined> {
  return epochFor(await endpointGtmWindow(endpoint, timeoutMs), windowMs);
}

/** The window an endpoint named (endpointGtmWindow). */
export interface GtmWindow {
  epoch: string;
  windowMs: number;
}

/** `named`'s epoch when it is the window this client paces to (`windowMs`). */
function epochFor(named: GtmWindow | undefined, windowMs: number): string | undefined {
  // A client not time-scaled like the emulator would wait for calls the emulator has forgotten.
  return named && Math.abs(named.windowMs - windowMs) < 1 ? named.epoch : undefined;
}

/**
 * The GTM quota window an endpoint says it keeps (the emulator's GET /__emulator/quota: its epoch
 * and its time-scaled length), or undefined (no quota, not the emulator, no quick answer).
 */
export async function endpointGtmWindow(endpoint: string, timeoutMs = 2000): Promise<GtmWindow | undefined> {
  try {
    const res = await fetch(`${endpoint.replace(/\/+$/, "")}/__emulator/quota`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return undefined;
    const { gtmWindow: w } = (await res.json()) as {
      gtmWindow?: { epoch?: unknown; windowMs?: unknown } | null;
    };
    if (!w || typeof w.epoch !== "string" || w.epoch.length === 0 || typeof w.windowMs !== "number")
      return undefined;
    return w.windowMs > 0 ? { epoch: w.epoch, windowMs: w.windowMs } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a session's memory (openQuotaMemory) goes by the window its endpoint names. */
export function memoryNeedsWindow(
  chosen: string | false | undefined,
  endpoint: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return chosen === undefined && Boolean(endpoint) && !env.MICROGOALS_QUOTA_FILE;
}

/**
 * A session's memory: `chosen` (a file, or false for none), else the default place for `endpoint`
 * (quotaMemoryPath), by the window the endpoint named (`named`: endpointGtmWindow, asked once by
 * the session when memoryNeedsWindow).
 */
export function openQuotaMemory(
  chosen: string | false | undefined,
  endpoint: string | undefined,
  windowMs: number,
  named: GtmWindow | undefined,
  env: NodeJS.ProcessEnv = process.env,
): QuotaMemory | undefined {
  if (chosen === false) return undefined;
  if (chosen) return new QuotaMemory(chosen, quotaKey(endpoint), windowMs);
  const epoch = memoryNeedsWindow(chosen, endpoint, env) ? epochFor(named, windowMs) : undefined;
  const path = quotaMemoryPath(endpoint, env, epoch);
  if (path && epoch) forgetStaleWindows();
  return path ? new QuotaMemory(path, quotaKey(endpoint, epoch), windowMs) : undefined;
}

export class QuotaMemory implements SharedCalls {
  // One entry per pacer, so a pacer never counts its own calls twice.
  private readonly writer = `${process.pid}-${randomBytes(4).toString("hex")}`;
  private wrote = false;

  constructor(
    readonly path: string,
    private readonly key: string,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  exchange(own: readonly number[]): readonly number[] {
    const now = this.now();
    const file = prune(readMemory(this.path), now);
    const project = file.projects[this.key] ?? {};
    const others = Object.entries(project)
      .filter(([writer]) => writer !== this.writer)
      .flatMap(([, e]) => e.calls);
    if (own.length > 0 || this.wrote) {
      if (own.length > 0) project[this.writer] = { windowMs: this.windowMs, calls: [...own] };
      else delete project[this.writer];
      file.projects[this.key] = project;
      if (Object.keys(project).length === 0) delete file.projects[this.key];
      this.wrote = writeMemory(this.path, file) && own.length > 0;
    }
    return others;
  }
}

function readMemory(path: string): MemoryFile {
  const empty: MemoryFile = { version: 1, projects: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return empty;
  }
  if (!isRecord(raw) || raw.version !== 1 || !isRecord(raw.projects)) return empty;
  // Keep only well-formed entries: a hand-edited or truncated file must not break pacing.
  for (const [key, writers] of Object.entries(raw.projects)) {
    if (!isRecord(writers)) continue;
    for (const [writer, e] of Object.entries(writers)) {
      if (!isRecord(e) || typeof e.windowMs !== "number" || !Array.isArray(e.calls)) continue;
      const calls = e.calls.filter((t): t is number => typeof t === "number" && Number.isFinite(t));
      empty.projects[key] ??= {};
      empty.projects[key][writer] = { windowMs: e.windowMs, calls };
    }
  }
  return empty;
}

/** Drops calls that left their window, then empty writers and projects. */
function prune(file: MemoryFile, now: number): MemoryFile {
  for (const [key, writers] of Object.entries(file.projects)) {
    for (const [writer, e] of Object.entries(writers)) {
      e.calls = e.calls.filter((t) => t > now - e.windowMs && t <= now + e.windowMs);
      if (e.calls.length === 0) delete writers[writer];
    }
    if (Object.keys(writers).length === 0) delete file.projects[key];
  }
  return file;
}

function writeMemory(path: string, file: MemoryFile): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, `${JSON.stringify(file)}\n`);
    renameSync(tmp, path);
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // best-effort: a leftover temp file is harmless
    }
    return false;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
