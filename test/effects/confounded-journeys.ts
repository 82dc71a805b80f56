// Confounded traffic (28 days from 2026-01-01) turned into the estimator's input: journeys, their
// covariate patterns and the propensity design, plus the generator's truth.
import type { ConfoundedTruth } from "../../src/emulator/traffic/confounded-generate.js";
import { generateConfoundedTraffic } from "../../src/emulator/traffic/confounded-generate.js";
import { journeysFromEvents } from "../../src/report/effects/event-journeys.js";
import { covariatePatterns, type Journeys, type Patterns } from "../../src/report/effects/journeys.js";
import { type PropensityDesign, propensityDesign } from "../../src/report/effects/propensity.js";
import { journeysOf } from "../../src/report/effects/session-history.js";
import { confoundedProject } from "./confounded-project.js";

export function confoundedJourneys(
  seed: number,
  users: number,
): { j: Journeys; patterns: Patterns; design: PropensityDesign; truth: ConfoundedTruth } {
  const project = confoundedProject();
  const { events, truth } = generateConfoundedTraffic(project, {
    seed,
    startDate: "2026-01-01",
    days: 28,
    users,
  });
  const t0 = Date.parse("2026-01-01T00:00:00Z") / 1000;
  const ej = journeysFromEvents(
    events,
    project.goals.map((g) => ({ id: g.id, event: g.event })),
    t0,
    t0 + 28 * 86400,
  );
  const j = journeysOf(ej.history, ej.firstTime, ej.dataStart, ej.dataEnd);
  const patterns = covariatePatterns(j);
  const design = propensityDesign(
    j.covariates.map((c) => c.levels.length),
    patterns.codes,
  );
  return { j, patterns, design, truth };
}
