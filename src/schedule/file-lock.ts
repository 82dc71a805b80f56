// An advisory lock file: created with O_EXCL so exactly one process holds it. A holder that crashed
// leaves the file behind; it is recognised as stale (its pid is gone on this host, or it is older
// than staleMs) and removed, so a crash never blocks later runs forever.
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";

export interface LockOptions {
  /** give up after this long (default 10 s) */
  timeoutMs?: number;
  /** a lock older than this is stale even when its pid looks alive (default 30 s; holds last ms) */
  staleMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string) {
    super(`could not lock ${lockPath}: another run holds it (remove the file if no run is active)`);
    this.name = "LockTimeoutError";
  }
}

/** Runs fn while holding lockPath; the lock is released even when fn throws. */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => T | Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const started = Date.now();
  let wait = 1;
  for (;;) {
    if (tryCreate(lockPath)) break;
    removeIfStale(lockPath, staleMs);
    if (Date.now() - started > timeoutMs) throw new LockTimeoutError(lockPath);
    await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    wait = Math.min(wait * 2, 50);
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // already removed as stale by someone else: nothing to release
    }
  }
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  const owner = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() });
  try {
    // A short write is a full disk too: a cut-off owner would read as unparseable (see isStale).
    if (writeSync(fd, owner) < Buffer.byteLength(owner))
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${lockPath}'`), {
        code: "ENOSPC",
        syscall: "write",
        path: lockPath,
      });
  } catch (err) {
    // A full disk (or quota) lets the file be created but not written: an empty lock would read as
    // "a holder between open and write" and block every later run until it is stale. It is ours.
    closeSync(fd);
    unlinkSync(lockPath);
    throw err;
  }
  closeSync(fd);
  return true;
}

function removeIfStale(lockPath: string, staleMs: number): void {
  let content: string;
  let mtimeMs: number;
  try {
    content = readFileSync(lockPath, "utf8");
    mtimeMs = statSync(lockPath).mtimeMs;
  } catch {
    return; // released meanwhile
  }
  if (!isStale(content, mtimeMs, staleMs)) return;
  // Move it aside first, then check we moved the lock we judged stale: if a live holder replaced
  // it in between, put theirs back (link fails rather than overwrite a newer lock).
  const aside = `${lockPath}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return;
  }
  try {
    if (readFileSync(aside, "utf8") !== content) linkSync(aside, lockPath);
  } catch {
    // restoring failed because a newer lock exists; that holder is protected by its own lock
  } finally {
    unlinkSync(aside);
  }
}

function isStale(content: string, mtimeMs: number, staleMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) return true;
  try {
    const owner = JSON.parse(content) as { pid?: number; host?: string };
    if (owner.host !== hostname() || typeof owner.pid !== "number") return false;
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    // ESRCH: the holder died. Unparseable content: the holder crashed while writing it; only
    // trust the age then (it may be a live holder between open and write).
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
