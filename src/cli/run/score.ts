// Glue for `microgoals score`: the project's goals → history SQL over the export files (DuckDB) →
// fit, held-out evaluation → calibration on stdout, scores to --out.
import { UsageError, UserError } from "../../errors.js";
import { writeOutput } from "../../files/write-output.js";
import { loadValidProject } from "../../project/load-valid.js";
import { reportStage } from "../../report/report-stage.js";
import { projectRules } from "../../report/rules/index.js";
import { historySql, openLeadsSql } from "../../score/history-sql.js";
import { fitLeadScore, type HistoryRow } from "../../score/lead-score.js";
import { calibrationJson, calibrationText, scoresCsv } from "../../score/scores-file.js";

export interface ScoreFlags {
  macro: string;
  source: string;
  files?: string;
  out?: string;
  format: string;
  lambda?: string;
}

export async function runScore(dir: string, flags: ScoreFlags): Promise<void> {
  if (flags.source !== "files")
    throw new UsageError(
      `--source ${flags.source} is not supported by score yet`,
      "Use --source files --files <glob>.",
    );
  if (!flags.files) throw new UsageError("score needs --files <glob> (the GA4 export files)");
  if (flags.format !== "text" && flags.format !== "json")
    throw new UsageError(`unknown --format ${flags.format}`, "use one of: text, json");
  const lambda = flags.lambda === undefined ? 1 : Number(flags.lambda);
  if (!Number.isFinite(lambda) || lambda < 0)
    throw new UsageError(`--lambda must be a number ≥ 0, got ${flags.lambda}`);
  const project = await loadValidProject(dir, { rules: projectRules, consequence: "nothing was scored" });
  const macro = project.goals.find((g) => g.id === flags.macro && g.kind === "macro");
  if (!macro) {
    const macros = project.goals.filter((g) => g.kind === "macro").map((g) => g.id);
    throw new UsageError(
      `"${flags.macro}" is not a macro goal`,
      `Macro goals: ${macros.join(", ") || "(none)"}.`,
    );
  }
  // A goal is found by its event name alone here; goals told apart by conditions are left out.
  const micros = project.goals.filter((g) => g.kind === "micro" && g.leadsTo.includes(macro.id));
  const usable = micros.filter((g) => g.trigger.conditions.length === 0);
  const left = micros.filter((g) => g.trigger.conditions.length > 0).map((g) => g.id);
  if (usable.length === 0) throw new UserError(`no micro goal leads to ${macro.id} by its event name alone`);
  if (left.length) console.error(`left out (their conditions are not read by score yet): ${left.join(", ")}`);

  const { queryExportFiles } = await import("../../report/sources/files/query-export-files.js");
  const features = (r: Record<string, unknown>) => usable.map((_, i) => Number(r[`f${i}`]));
  // The stage on a terminal's stderr while the engine reads the export (10M events: ~8 s), as
  // `report` shows its stages; cleared before the calibration is printed.
  const { showStagesOnTerminal } = await import("../report-stages.js");
  const stop = showStagesOnTerminal();
  reportStage("score: each user's micro goals in the export files");
  const [history = [], open = []] = await queryExportFiles(flags.files, (source) => {
    const q = {
      from: source.from,
      hasUserId: source.hasUserId,
      macroEvent: macro.event,
      microEvents: usable.map((g) => g.event),
    };
    return flags.out ? [historySql(q), openLeadsSql(q)] : [historySql(q)];
  }).finally(stop);
  const rows: HistoryRow[] = history.map((r) => ({
    heldOut: Number(r.held_out) === 1,
    converted: Number(r.converted) === 1,
    features: features(r),
    users: Number(r.users),
  }));
  const model = fitLeadScore(
    rows,
    usable.map((g) => g.id),
    lambda,
  );
  if (flags.format === "json") console.log(JSON.stringify(calibrationJson(model, macro.id), null, 2));
  else process.stdout.write(calibrationText(model, macro.id));
  if (flags.out) {
    const leads = open.map((r) => ({ user: String(r.u), features: features(r) }));
    await writeOutput(flags.out, scoresCsv(model, leads), "scores");
    console.error(`wrote ${flags.out}: ${leads.length} users not yet converted`);
  }
}
