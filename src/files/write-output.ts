// Every file a command writes (--out, plans, reports, generated code) goes through here: missing
// parent folders are created, and a file-system failure is a user error with a hint (exit 1), never
// "internal error". A regular file is written beside its target and renamed over it, so a failed
// write (a full disk, a quota) leaves the previous file whole; a device or FIFO (/dev/stdout) is
// written directly, as there is nothing to keep.
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors.js";

const FAULTS: Record<string, { what: string; hint: string }> = {
  ENOSPC: {
    what: "no space left on the device",
    hint: "The disk is full: free some space or write elsewhere.",
  },
  EDQUOT: {
    what: "disk quota exceeded",
    hint: "Your disk quota is used up: free some space or write elsewhere.",
  },
  EFBIG: { what: "file too large", hint: "The file is larger than this system allows: write it elsewhere." },
  EROFS: { what: "read-only file system", hint: "That file system is read-only: pick another path." },
  EACCES: { what: "permission denied", hint: "You have no permission to write there: pick another path." },
  EPERM: { what: "permission denied", hint: "You have no permission to write there: pick another path." },
  EISDIR: { what: "it is a folder", hint: "Give a file name, e.g. --out reports/report.html." },
  ENOTDIR: { what: "a part of the path is a file, not a folder", hint: "Pick another path." },
  ENOENT: { what: "no such file or directory", hint: "Pick another path." },
  ENAMETOOLONG: { what: "the path is too long", hint: "Pick a shorter path." },
};

/** Why a path could not be written, as a UserError; other errors pass through unchanged. */
export function outputError(path: string, err: unknown, what = "file"): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const fault = code ? FAULTS[code] : undefined;
  if (!fault) return err;
  const kept = code === "EISDIR" || code === "ENOTDIR" ? "" : " (any earlier file there is unchanged)";
  return new UserError(`cannot write the ${what} to ${path}: ${fault.what}${kept}`, 1, fault.hint);
}

export async function writeOutput(path: string, content: string | Uint8Array, what = "file"): Promise<void> {
  try {
    await makeParents(dirname(path));
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (existing && !existing.isFile()) {
      await writeFile(path, content);
      return;
    }
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      await writeFile(temp, content);
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => {});
      throw err;
    }
  } catch (err) {
    throw outputError(path, err, what);
  }
}

/**
 * mkdir -p, one level at a time from the nearest existing folder: Node's recursive mkdir never
 * settles under some special file systems (a path below /proc spins forever), where a plain mkdir
 * answers ENOENT at once.
 */
async function makeParents(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const found = await stat(d).catch(() => undefined);
    if (found) break;
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing)
    await mkdir(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EEXIST") throw err; // another writer made it meanwhile
    });
}
