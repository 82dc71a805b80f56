// Adjusted effects for every secondary (micro → macro) pair of a report, from the user-level
// history the export sources extract. Milestones are steps, not treatments: they are skipped.
import type { Project } from "../../project/model.js";
import type { AdjustedEffect } from "../analysis.js";
import { reportProgress, reportStage } from "../report-stage.js";
import { finishEstimates } from "./adjusted-effect.js";
import {
  type BootstrapWorker,
  replicateLogsOnThreads,
  startEstimatesOnThreads,
} from "./bootstrap-threads.js";
import { covariatePatterns, type Journeys } from "./journeys.js";
import { propensityDesign } from "./propensity.js";
import { secondaryPairs } from "./secondary-pairs.js";

export interface PairEffectsOptions {
  replicates?: number;
  seed?: number;
  /** a bootstrap worker (bootstrap-threads.ts startBootstrapWorker): half the pairs' point estimates and half the replicates run there */
  worker?: BootstrapWorker;
}

/**
 * `journeys`: the sessions' history coarsened (session-history.ts journeysOf). Built by the caller,
 * so the raw history (its numbers and strings) is garbage before the estimator's arrays exist.
 */
export async function pairEffects(
  project: Project,
  pairs: { microId: string; macroId: string; windowSeconds: number }[],
  j: Journeys,
  options: PairEffectsOptions = {},
): Promise<{ microId: string; macroId: string; effect: AdjustedEffect }[]> {
  const todo = secondaryPairs(project, pairs);
  if (todo.length === 0) return [];
  reportStage(`adjusted effects: estimating ${todo.length} pair${todo.length === 1 ? "" : "s"}`);
  const patterns = covariatePatterns(j);
  const design = propensityDesign(
    j.covariates.map((c) => c.levels.length),
    patterns.codes,
  );
  const started = await startEstimatesOnThreads(
    j,
    patterns,
    design,
    todo.map((p) => ({ microId: p.microId, macroId: p.macroId, horizonSeconds: p.windowSeconds })),
    { minUsers: project.report.minUsers, replicates: options.replicates, seed: options.seed },
    options.worker,
    undefined,
    reportProgress,
  );
  if (started.replicates > 0)
    reportStage(`adjusted effects: bootstrap intervals (${started.replicates} replicates)`);
  const effects = finishEstimates(
    started,
    await replicateLogsOnThreads(started, options.worker, reportProgress),
  );
  return todo.map((p, i) => ({
    microId: p.microId,
    macroId: p.macroId,
    effect: effects[i] as AdjustedEffect,
  }));
}
