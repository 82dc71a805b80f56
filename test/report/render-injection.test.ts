// Titles and names are the spec author's text, and export data is anyone's: no format may turn
// them into markup (Markdown) or terminal control sequences (table, Markdown, HTML).
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/report/analyze.js";
import { render } from "../../src/report/render/format.js";
import { testInput, testProject } from "./fixture.js";

const hostile = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "[click](javascript:alert(1))",
  "![x](http://evil.example/t.png)",
  "\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\rover\u009b31m",
];

function hostileAnalysis() {
  const project = testProject();
  project.name = `Shop ${hostile[4]}`;
  project.goals[0].title = hostile[0];
  project.goals[1].title = hostile[1];
  project.goals[2].title = hostile[2];
  project.goals[3].title = `${hostile[3]} ${hostile[4]}`;
  project.funnels[0].title = `*bold* _em_ ${hostile[2]} ${hostile[4]}`;
  return analyze(project, testInput());
}

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("hostile titles and names", () => {
  const a = hostileAnalysis();

  it.each(["table", "md", "html"] as const)("%s passes no control character to the terminal", (format) => {
    const out = render(a, format);
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain("\uFFFD"); // shown, not silently dropped
  });

  it("coloured table output holds only its own colour codes", () => {
    const out = render(a, "table", { color: true });
    const withoutOwn = out.replace(/\u001b\[[0-9;]*m/g, "");
    expect(withoutOwn).not.toMatch(CONTROL);
    expect(out).not.toContain("\u001b]0;");
  });

  it("Markdown keeps titles as text: no HTML, no links, no images", () => {
    const md = render(a, "md");
    expect(md).not.toContain("<script");
    expect(md).not.toContain("<img");
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).not.toContain("![x](");
    expect(md).toContain("&lt;script>alert(1)&lt;/script>");
    expect(md).toContain("\\[click\\](javascript:alert(1))");
    expect(md).toContain("\\*bold\\* \\_em\\_");
    // ids stay readable and stay code
    expect(md).toContain("(`view_product`)");
  });

  it("HTML escapes them", () => {
    const html = render(a, "html");
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;");
  });
});
