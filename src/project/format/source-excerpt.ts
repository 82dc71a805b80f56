// The quoted source line under a diagnostic, and the caret under its column. The line is the
// user's file, printed to a terminal: control characters are made printable, and a very long line
// (minified YAML, a pasted blob) is cut to a window around the column so the caret stays on screen.
import { printable } from "../../terminal-text.js";

const WIDTH = 160;
const BEFORE = 60;

export interface Excerpt {
  text: string;
  /** spaces before the caret */
  caretAt: number;
}

export function sourceExcerpt(line: string, col: number): Excerpt {
  const at = Math.max(0, col - 1);
  if (line.length <= WIDTH) return { text: printable(line), caretAt: at };
  const start = Math.max(0, Math.min(at - BEFORE, line.length - WIDTH));
  const end = start + WIDTH;
  const head = start > 0 ? "…" : "";
  const tail = end < line.length ? "…" : "";
  return { text: head + printable(line.slice(start, end)) + tail, caretAt: at - start + head.length };
}
