// `npm run report:screenshot [-- report.html [out.png]]`: renders an HTML report in headless
// Chromium at phone width (420 px) and saves a PNG. Without a file it renders a sample report
// (fixture data with history) so the HTML renderer can be checked without GA4 or the emulator.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [htmlArg, outArg] = process.argv.slice(2);
const out = resolve(outArg ?? "report-screenshot.png");
const browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
if (!browser) {
  console.error("No Chromium found: install it (Debian: apt-get install -y chromium).");
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "microgoals-shot-"));
try {
  let html = htmlArg ? resolve(htmlArg) : "";
  if (!html) {
    const { sampleAnalysis } = await import("./sample-report.js");
    const { renderHtml } = await import("../src/report/render/html.js");
    html = join(work, "report.html");
    writeFileSync(html, renderHtml(sampleAnalysis()));
  }
  execFileSync(
    browser,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      `--user-data-dir=${join(work, "profile")}`,
      `--screenshot=${out}`,
      "--window-size=420,2000",
      pathToFileURL(html).href,
    ],
    { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 },
  );
  console.log(`screenshot: ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
