// A text grid that fits a terminal's width: cells wrap at spaces (rows grow downwards), the widest
// columns giving way first; when even fully wrapped columns cannot fit, whole columns are dropped
// in the order the caller gives, and the caller names them in a note. Without a width it is
// textGrid (files and pipes keep every column on one line).
import { textGrid, visibleWidth } from "./text-grid.js";

export interface FitOptions {
  /** right-aligned columns */
  right?: Set<number>;
  /** the terminal's columns; undefined = no limit */
  width?: number;
  /** characters before every line (the caller adds them) */
  indent?: number;
  /** columns that may go, first to drop first */
  dropOrder?: number[];
}

export interface FitResult {
  lines: string[];
  /** indexes of the columns left out */
  dropped: number[];
  /** how many of `lines` the first row (the header) took */
  headerHeight: number;
}

const GAP = 2;
const COMFORTABLE = 18;
const ANSI = /\x1b\[[0-9;]*m/g;

export function fitGrid(rows: string[][], options: FitOptions = {}): FitResult {
  const right = options.right ?? new Set<number>();
  const room = options.width === undefined ? Number.POSITIVE_INFINITY : options.width - (options.indent ?? 0);
  const all = rows[0]?.map((_, i) => i) ?? [];
  const dropped: number[] = [];
  const keep = () => all.filter((i) => !dropped.includes(i));
  const total = (widths: number[]) => widths.reduce((s, w) => s + w, 0) + GAP * (widths.length - 1);
  const natural = (cols: number[]) => cols.map((c) => Math.max(...rows.map((r) => visibleWidth(r[c] ?? ""))));
  const narrowest = (cols: number[]) =>
    cols.map((c) => Math.max(...rows.map((r) => longestWord(r[c] ?? ""))));

  if (total(natural(all)) <= room) return { lines: textGrid(rows, right), dropped, headerHeight: 1 };
  // Drop while the kept columns cannot each have a readable width (a few words a line).
  const comfortable = (cols: number[]) => {
    const n = natural(cols);
    return narrowest(cols).map((w, i) => Math.min(n[i], Math.max(w, COMFORTABLE)));
  };
  for (const d of options.dropOrder ?? []) {
    if (total(comfortable(keep())) <= room) break;
    dropped.push(d);
  }
  const cols = keep();
  const widths = natural(cols);
  // Even the narrowest layout may not fit (a long id): then words break, down to 4 characters.
  const floor = narrowest(cols).map((w) => (total(narrowest(cols)) <= room ? w : Math.min(w, 4)));
  while (total(widths) > room) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > floor[i] && (widest < 0 || w > widths[widest])) widest = i;
    });
    if (widest < 0) break;
    widths[widest]--;
  }
  const lines: string[] = [];
  let headerHeight = 0;
  const wrapped = rows.map((row) => cols.map((c, i) => wrapCell(row[c] ?? "", widths[i])));
  // Rows of several lines are told apart by a blank line between them.
  const tall = wrapped.slice(1).some((cells) => cells.some((c) => c.length > 1));
  wrapped.forEach((cells, r) => {
    if (tall && r > 1) lines.push("");
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      const parts = cells.map((c, i) => {
        const cell = c[k] ?? "";
        const last = i === cols.length - 1 && !right.has(cols[i]);
        if (last) return cell;
        const pad = " ".repeat(Math.max(0, widths[i] - visibleWidth(cell)));
        return right.has(cols[i]) ? pad + cell : cell + pad;
      });
      lines.push(parts.join(" ".repeat(GAP)).trimEnd());
    }
    if (headerHeight === 0) headerHeight = height;
  });
  return { lines, dropped, headerHeight };
}

function longestWord(cell: string): number {
  return Math.max(
    0,
    ...cell
      .replace(ANSI, "")
      .split(" ")
      .map((w) => [...w].length),
  );
}

/** A cell's lines of at most `width` characters; a painted cell stays painted on every line. */
function wrapCell(cell: string, width: number): string[] {
  const paint = /^(\x1b\[[0-9;]*m)(.*)\x1b\[0m$/s.exec(cell);
  const text = paint ? paint[2] : cell.replace(ANSI, "");
  const lines = wrapWords(text, width);
  return paint ? lines.map((l) => `${paint[1]}${l}\x1b[0m`) : lines;
}

/** Words into lines of at most `width` characters; a longer word is broken. */
export function wrapWords(text: string, width: number): string[] {
  const max = Math.max(1, width);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ").filter(Boolean)) {
    let w = [...word];
    const joined = line ? `${line} ${word}` : word;
    if ([...joined].length <= max) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    while (w.length > max) {
      lines.push(w.slice(0, max).join(""));
      w = w.slice(max);
    }
    line = w.join("");
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
