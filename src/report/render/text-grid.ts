// Lays out rows of cells as aligned plain-text columns; cell widths ignore ANSI colour codes.
const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleWidth(s: string): number {
  return [...s.replace(ANSI, "")].length;
}

/** Right-aligns columns listed in `right`; the last column is never padded. */
export function textGrid(rows: string[][], right: Set<number> = new Set()): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        if (i === row.length - 1 && !right.has(i)) return cell;
        const pad = " ".repeat(widths[i] - visibleWidth(cell));
        return right.has(i) ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}
