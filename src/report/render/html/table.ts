// A plain HTML table whose rows become labelled cards on a phone: each cell carries its column
// name in data-label, which the phone stylesheet prints before the value.
import { escapeXml as esc } from "./svg-charts.js";

export interface Column {
  label: string;
  /** right-aligned figures */
  num?: boolean;
  /** class of the cell in card view, e.g. "title" spans the card's full width */
  card?: string;
}

/** `rows` hold cell HTML, already escaped. */
export function htmlTable(columns: Column[], rows: string[][], cls = "cards"): string {
  const out = [`<table class="${cls}"><thead><tr>`];
  for (const c of columns) out.push(`<th${c.num ? ' class="num"' : ""} scope="col">${esc(c.label)}</th>`);
  out.push("</tr></thead><tbody>");
  for (const r of rows) {
    out.push("<tr>");
    r.forEach((cell, i) => {
      const c = columns[i];
      const classes = [c.num ? "num" : "", c.card ?? ""].filter(Boolean).join(" ");
      out.push(`<td${classes ? ` class="${classes}"` : ""} data-label="${esc(c.label)}">${cell}</td>`);
    });
    out.push("</tr>");
  }
  out.push("</tbody></table>");
  return out.join("");
}
