// `--predict`'s preconditions, checked before any data is read (usage errors, exit 2), and the
// deferred run over the export files once the report itself has been read.
import { UsageError } from "../../errors.js";
import type { Project } from "../../project/model.js";
import { calendarDate } from "../sources/export/calendar-date.js";
import type { SourceOptions } from "../sources/source-options.js";
import type { BreakdownRequest } from "./dimensions.js";
import { type PredictionAnalysis, type PredictRequest, predictionOf, predictPeriods } from "./run-predict.js";

/** The report options --predict reads (RunReportOptions' fields). */
export interface PredictOptions {
  breakdown?: BreakdownRequest;
  source?: SourceOptions;
  since?: string;
  until?: string;
  predict?: PredictRequest;
}

export async function checkPredict(
  project: Project,
  options: PredictOptions,
  now: Date,
): Promise<() => Promise<PredictionAnalysis>> {
  const breakdown = options.breakdown;
  if (!breakdown) throw new UsageError("--predict needs --by", "e.g. --by channel --predict");
  const source = options.source;
  if (source?.kind !== "files")
    throw new UsageError(
      "--predict needs --source files",
      "it reads each user's goals day by day from the export",
    );
  if (!options.since || !options.until)
    throw new UsageError("--predict needs --since and --until", "the period observed so far");
  const req = options.predict ?? {};
  const periods = predictPeriods(
    project,
    calendarDate("--since", options.since, now),
    calendarDate("--until", options.until, now),
    {
      trainSince: req.trainSince && calendarDate("--train-since", req.trainSince, now),
      trainUntil: req.trainUntil && calendarDate("--train-until", req.trainUntil, now),
    },
  );
  return async () => {
    const { filesMemberTimelines } = await import("../sources/files/files-timelines.js");
    const members = await filesMemberTimelines(project, {
      files: source.files,
      since: periods.trainSince < periods.since ? periods.trainSince : periods.since,
      until: periods.trainUntil > periods.until ? periods.trainUntil : periods.until,
      breakdown,
    });
    return predictionOf(project, members, periods);
  };
}
