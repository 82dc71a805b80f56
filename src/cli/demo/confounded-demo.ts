// The demo's second story: traffic where intent confounds everything (src/emulator/traffic/
// confounded-model.ts), written as GA4-export files and reported from them, so a newcomer sees the
// true effect of each secondary action beside the crude association and the adjusted effect.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateConfoundedTraffic } from "../../emulator/traffic/confounded-generate.js";
import { writeExportNdjson } from "../../emulator/traffic/export-rows.js";
import type { Project } from "../../project/model.js";
import { analyze } from "../../report/analyze.js";
import { adjustedFigure } from "../../report/render/effect-sections.js";
import { liftFigure, signedPct } from "../../report/render/figures.js";
import { filesReport } from "../../report/sources/files/files-source.js";

export interface ConfoundedDemoOptions {
  seed: number;
  users: number;
  /** first day, YYYY-MM-DD */
  startDate: string;
  days: number;
}

/** Lines: one per secondary pair, "micro → macro: true +60%, crude +410% […], adjusted +55% […]". */
export async function confoundedDemo(project: Project, o: ConfoundedDemoOptions): Promise<string[]> {
  const { events, truth } = generateConfoundedTraffic(project, o);
  const dir = await mkdtemp(join(tmpdir(), "microgoals-confounded-"));
  try {
    await writeExportNdjson(events, dir);
    const until = new Date(Date.parse(`${o.startDate}T00:00:00Z`) + (o.days - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const input = await filesReport(project, {
      files: join(dir, "*.json"),
      since: o.startDate,
      until,
      allowGaps: true,
    });
    const a = analyze(project, input);
    return a.pairs
      .filter((p) => p.role === "secondary" && p.adjusted)
      .map((p) => {
        const t = truth.pairs.find((x) => x.micro === p.microId && x.macro === p.macroId);
        const trueFigure = t?.causalRiskRatio ? signedPct(t.causalRiskRatio - 1) : "—";
        const crude = p.lift ? liftFigure(p.lift) : "—";
        return `${p.microId} → ${p.macroId}: true ${trueFigure}, crude ${crude}, adjusted ${adjustedFigure(p.adjusted)}`;
      });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
