// Text in the report's SVG charts: SVG does not wrap, so long labels are broken into lines here,
// by an estimate of glyph widths, and never cut: a goal's title is read whole at any width.

/** Rough width of a 13-unit system-ui glyph (labels); generous so estimates err towards wrapping. */
export const CHAR = 7.4;
/** 600-weight digits and "%" run wider than the label font. */
export const FIG_CHAR = 8.3;

/** Words (split at spaces) into lines of at most `maxChars`; a longer word is broken. */
export function wrapText(s: string, maxChars: number): string[] {
  const max = Math.max(4, Math.floor(maxChars));
  const lines: string[] = [];
  let line = "";
  for (const word of s.split(/\s+/).filter(Boolean)) {
    let w = word;
    const joined = line ? `${line} ${w}` : w;
    if ([...joined].length <= max) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    while ([...w].length > max) {
      lines.push([...w].slice(0, max).join(""));
      w = [...w].slice(max).join("");
    }
    line = w;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Estimated width of a label line, in SVG units. */
export function labelWidth(s: string): number {
  return [...s].length * CHAR;
}
