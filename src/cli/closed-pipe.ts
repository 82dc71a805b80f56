// `microgoals compile | head`: once the reader has gone, the rest of the output has no one to read
// it. The command ends quietly with its own exit code instead of an EPIPE stack trace, and keeps
// running to the end (a deploy interrupted by a closed pipe would be left half done).

/** Drops everything written to `stream` after its reader closed the pipe. */
export function discardOutputAfterClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") {
      stream.destroy();
      return;
    }
    throw err;
  });
}
