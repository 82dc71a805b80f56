// Writes a rendered report to the path the user gave (--out, --summary-md). A regular file is
// written beside its target and renamed over it, so a failed write (a full disk, a quota) leaves
// the previous report whole instead of a truncated one; a device or FIFO is written directly.
// Failures the user can fix are a UserError (exit 1) with what to do, not "a bug".
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "../cli/failure.js";

const hints: Record<string, string> = {
  ENOSPC: "The disk is full: free some space or write the report elsewhere.",
  EDQUOT: "The disk quota is used up: free some space or write the report elsewhere.",
  EFBIG: "The file is larger than this system allows: write it elsewhere or choose a smaller format.",
  EROFS: "That file system is read-only: write the report elsewhere.",
  EACCES: "No permission to write there: choose another path.",
  EPERM: "No permission to write there: choose another path.",
  EISDIR: "That path is a directory: name a file.",
  ENOTDIR: "Part of that path is a file, not a directory: choose another path.",
};

export async function writeReport(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const existing = await stat(path).catch(() => undefined);
    if (existing && !existing.isFile()) {
      if (existing.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      await writeFile(path, text); // /dev/stdout, a FIFO: there is nothing to keep
      return;
    }
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      await writeFile(temp, text);
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    const hint = hints[code];
    if (!hint) throw err;
    const kept = code === "EISDIR" ? "" : " (any earlier report there is unchanged)";
    throw new UserError(`cannot write the report to ${path}: ${describe(code)}${kept}`, 1, hint);
  }
}

function describe(code: string): string {
  const words: Record<string, string> = {
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    EFBIG: "file too large",
    EROFS: "read-only file system",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "it is a directory",
    ENOTDIR: "not a directory",
  };
  return words[code] ?? code;
}
