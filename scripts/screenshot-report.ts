// `npm run report:screenshot [-- report.html [out.png]]`: renders an HTML report in headless
// Chromium at desktop (1200 px) and phone (420 px) width and saves two PNGs, out-desktop.png and
// out-phone.png. Without a file it renders a sample report (fixture data with history and a
// thresholding caveat) so the HTML renderer can be checked without GA4 or the emulator.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [htmlArg, outArg] = process.argv.slice(2);
const base = resolve(outArg ?? "report-screenshot.png").replace(/\.png$/i, "");
const browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
if (!browser) {
  console.error("No Chromium found: install it (Debian: apt-get install -y chromium).");
  process.exit(1);
}

const SIZES = [
  { name: "desktop", size: "1200,2400" },
  { name: "phone", size: "420,2600" },
];

const work = mkdtempSync(join(tmpdir(), "microgoals-shot-"));
try {
  let html = htmlArg ? resolve(htmlArg) : "";
  if (!html) {
    const { sampleAnalysis } = await import("./sample-report.js");
    const { renderHtml } = await import("../src/report/render/html/render-html.js");
    html = join(work, "report.html");
    writeFileSync(html, renderHtml(sampleAnalysis()));
  }
  for (const { name, size } of SIZES) {
    const out = `${base}-${name}.png`;
    execFileSync(
      browser,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--hide-scrollbars",
        `--user-data-dir=${join(work, `profile-${name}`)}`,
        `--screenshot=${out}`,
        `--window-size=${size}`,
        pathToFileURL(html).href,
      ],
      { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 },
    );
    console.log(`screenshot (${name}): ${out}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
