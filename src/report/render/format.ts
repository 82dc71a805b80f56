// Format name → renderer, the one place the CLI and the programmatic API pick a renderer.
import type { Analysis } from "../analysis.js";
import { renderCsv } from "./csv.js";
import { renderHtml } from "./html/render-html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderTable } from "./table.js";

export const FORMATS = ["table", "md", "csv", "json", "html"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export function render(
  a: Analysis,
  format: Format,
  options: { color?: boolean; width?: number } = {},
): string {
  switch (format) {
    case "table":
      return renderTable(a, { color: options.color ?? false, width: options.width });
    case "md":
      return renderMarkdown(a);
    case "csv":
      return renderCsv(a);
    case "json":
      return renderJson(a);
    case "html":
      return renderHtml(a);
  }
}
