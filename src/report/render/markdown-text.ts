// Spec and data text (titles, names, ids, caveats) inside GitHub-flavoured Markdown must read as
// text, never as markup: `<` and `&` are entity-escaped (`<script>`, `<img onerror>` and autolinks
// stay literal) and the punctuation that opens links, images, emphasis, code and headings is
// backslash-escaped (`[x](javascript:…)` is no link). An underscore between letters or digits
// cannot open emphasis, so ids like view_pricing stay readable. Control characters are made
// printable first.
import { printable } from "../../terminal-text.js";

export function mdText(s: string): string {
  return printable(s)
    .replace(/[\\`*[\]~#]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;");
}

/** A code span that holds any text: the fence is longer than any backtick run inside it. */
export function mdCode(s: string): string {
  const t = printable(s);
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}
