// Sentences of the terminal report (headings, funnel notes, caveats) wrapped at a terminal's width
// on word boundaries, continuation lines indented under the first word, so a narrow terminal never
// breaks a word in two. Colour codes take no width.
import { visibleWidth } from "./text-grid.js";

export function wrapProse(line: string, width: number | undefined): string[] {
  if (width === undefined || visibleWidth(line) <= width) return [line];
  const plain = line.replace(/\x1b\[[0-9;]*m/g, "");
  const lead = /^ */.exec(plain)![0].length + (/^ *! /.test(plain) ? 2 : 0);
  const indent = " ".repeat(Math.min(lead, Math.floor(width / 2)));
  const words = line.trimStart().split(" ");
  const out: string[] = [];
  let current = line.slice(0, line.length - line.trimStart().length);
  let empty = true;
  for (const word of words) {
    const next = empty ? current + word : `${current} ${word}`;
    if (!empty && visibleWidth(next) > width) {
      out.push(current);
      current = indent + word;
    } else current = next;
    empty = false;
  }
  out.push(current);
  return out;
}
