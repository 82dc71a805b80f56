// The width a table is fitted to: a terminal's columns. A file or a pipe keeps every column, and so
// does a terminal that reports no size (0 columns: a pty opened without one, as `script`, some CI
// runners and editors' shells do), where fitting to 0 put every word on a line of its own.

export function terminalWidth(stream: { isTTY?: boolean; columns?: number }): number | undefined {
  return stream.isTTY === true && stream.columns !== undefined && stream.columns > 0
    ? stream.columns
    : undefined;
}
