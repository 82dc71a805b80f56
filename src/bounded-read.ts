// Reading a user-named file whole, with a ceiling. readFileSync trusts the file: a device with
// endless reads (/dev/zero), a FIFO, or a runaway file makes it allocate until the process aborts
// (std::bad_alloc, no message, no report). Here only regular files are read, and never more than
// maxBytes; anything else is a readable error.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

export class FileReadLimitError extends Error {
  constructor(
    readonly path: string,
    readonly reason: "not-a-file" | "too-large",
    message: string,
  ) {
    super(message);
    this.name = "FileReadLimitError";
  }
}

/** Reads a regular file as UTF-8; throws FileReadLimitError past maxBytes, fs errors as they are. */
export function readBoundedText(path: string, maxBytes: number): string {
  // O_NONBLOCK: opening a FIFO nobody writes to would otherwise wait forever before fstat can see it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileReadLimitError(path, "not-a-file", `${path} is not a regular file`);
    const tooLarge = () =>
      new FileReadLimitError(
        path,
        "too-large",
        `${path} is larger than ${formatSize(maxBytes)}, the most microgoals reads from it`,
      );
    if (st.size > maxBytes) throw tooLarge();
    // The size can change while reading (a file being written): read to EOF, one byte past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge();
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} bytes`;
}
