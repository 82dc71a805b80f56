// Errors of the machine, not of microgoals: a full disk, a quota, a read-only mount, a permission.
// Any command that writes a file (--out, plan --out, export, codegen, init) can meet them; they
// are the user's to fix, so they print as one line with what to do and exit 1, not as "a bug".
const faults: Record<string, { what: string; hint: string }> = {
  ENOSPC: { what: "no space left on the device", hint: "Free some space, or write somewhere else." },
  EDQUOT: { what: "disk quota exceeded", hint: "Free some space, or write somewhere else." },
  EFBIG: { what: "file too large for this system", hint: "Write somewhere else." },
  EROFS: { what: "read-only file system", hint: "Write somewhere else." },
  EACCES: { what: "permission denied", hint: "Check the permissions, or write somewhere else." },
  EPERM: { what: "operation not permitted", hint: "Check the permissions, or write somewhere else." },
};

/** The one-line message and hint for a file-system fault, or undefined for anything else. */
export function fileSystemFault(err: unknown): { message: string; hint: string } | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  const fault = typeof e?.code === "string" ? faults[e.code] : undefined;
  if (!fault || typeof e?.syscall !== "string") return undefined;
  const where = typeof e.path === "string" ? ` ${e.path}` : "";
  return { message: `cannot ${e.syscall}${where}: ${fault.what} (${e.code})`, hint: fault.hint };
}
