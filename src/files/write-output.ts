// Every file a command writes (--out, plans, reports, generated code) goes through here: missing
// parent folders are created, and a file-system failure is a user error with a hint (exit 1), never
// "internal error". Writes are atomic (temporary file, then rename), so a failure never leaves a
// half-written file where a good one was.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors.js";

const HINTS: Record<string, string> = {
  EACCES: "You have no permission to write there: pick another path with --out.",
  EPERM: "You have no permission to write there: pick another path with --out.",
  EROFS: "That file system is read-only: pick another path with --out.",
  EISDIR: "That path is a folder: give a file name, e.g. --out reports/report.html.",
  ENOTDIR: "A part of that path is a file, not a folder: pick another path with --out.",
  ENOSPC: "The disk is full: free some space or write elsewhere with --out.",
  EDQUOT: "Your disk quota is used up: free some space or write elsewhere with --out.",
  ENAMETOOLONG: "The path is too long: pick a shorter one.",
};

/** Why a path could not be written, as a UserError; other errors pass through unchanged. */
export function outputError(path: string, err: unknown, what = "file"): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !(code in HINTS || code === "ENOENT" || code === "EEXIST")) return err;
  const reason = (err as Error).message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "");
  return new UserError(
    `cannot write the ${what} ${path}: ${reason}`,
    1,
    HINTS[code] ?? "Pick another path with --out.",
  );
}

export async function writeOutput(path: string, content: string | Uint8Array, what = "file"): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    throw outputError(path, err, what);
  }
}
