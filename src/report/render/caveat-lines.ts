// The sentences every format prints about data quality and cost, so no format can forget one.
import type { Analysis } from "../analysis.js";
import { noEventsAtAll } from "../no-events-at-all.js";
import { count, duration, formatBytes } from "./figures.js";

export interface CaveatLine {
  level: "warning" | "info";
  text: string;
}

export function caveatLines(a: Analysis): CaveatLine[] {
  const lines: CaveatLine[] = [];
  const c = a.caveats;
  if (c.subjectToThresholding) {
    lines.push({
      level: "warning",
      text: `GA4 applied data thresholding (small counts withheld) to: ${c.thresholdedQueries.join(", ") || "some queries"}. Counts may be lower than reality.`,
    });
  }
  for (const s of c.sampling) {
    const share =
      s.samplingSpaceSize > 0 ? ((100 * s.samplesReadCount) / s.samplingSpaceSize).toFixed(1) : "?";
    lines.push({
      level: "warning",
      text: `Sampled: ${s.query} is based on ${count(s.samplesReadCount)} of ${count(s.samplingSpaceSize)} events (${share}%).`,
    });
  }
  if (c.otherRow) {
    lines.push({
      level: "warning",
      text: `Some rows were folded into "(other)" in: ${c.otherRowQueries.join(", ") || "some queries"}. Per-goal counts there may be incomplete.`,
    });
  }
  const empty = noEventsAtAll(a);
  if (empty)
    lines.push({
      level: "warning",
      text: `No events at all${a.propertyId ? ` in GA4 property ${a.propertyId}` : ""} from ${a.dateRange.since} to ${a.dateRange.until}: check the target's property id and the dates (a future range or a new property has none). The goals' triggers cannot be judged without data.`,
    });
  for (const id of empty ? [] : c.missingGoals) {
    lines.push({
      level: "warning",
      text: `No data for goal ${id}: no events in the date range — check its trigger.`,
    });
  }
  for (const u of c.uncheckedConditions ?? []) {
    const what = u.eventNameOnly ? `on its event name (${u.event}) only` : "without some of its conditions";
    lines.push({
      level: "warning",
      text: `Goal ${u.goalId} is counted ${what}: the GA4 Data API cannot evaluate ${u.conditions.join("; ")}. Its counts include ${u.event} events the trigger would not fire on (a report from the export evaluates more conditions).`,
    });
  }
  lines.push(...rangeEdgeLines(c.rangeEdge ?? []));
  for (const note of a.export?.notes ?? []) lines.push({ level: "warning", text: `${note}.` });
  lines.push({ level: "info", text: costText(a) });
  if (a.adjustSkipped)
    lines.push({
      level: "info",
      text: "Adjusted effects were not computed (--no-adjust): every lift here is the crude association.",
    });
  lines.push({
    level: "info",
    text: "Lift and value are associations between doing a micro goal and converting, not proof that the micro goal causes conversions.",
  });
  return lines;
}

type RangeEdge = NonNullable<Analysis["caveats"]["rangeEdge"]>[number];

/** One line per pair when there are one or two; beyond that one line naming them all (a short range
 * puts nearly every pair at its edge, and a line each buries the rest of the caveats). */
function rangeEdgeLines(edges: RangeEdge[]): { level: "warning"; text: string }[] {
  if (edges.length <= 2)
    return edges.map((e) => {
      const window = duration(e.windowSeconds);
      return {
        level: "warning",
        text: `Range edge: up to ${count(e.atMost)} of the ${count(e.convertedWithoutMicro)} users counted as converting to ${e.macroId} without ${e.microId} converted in the range's first ${window}; their ${e.microId} may have been before ${e.since}, outside the range, which puts them in the baseline. Start the range ${window} earlier to rule it out.`,
      };
    });
  const first = edges[0]!;
  const window = duration(Math.max(...edges.map((e) => e.windowSeconds)));
  const pairs = edges.map(
    (e) => `${e.microId} → ${e.macroId} (${count(e.atMost)} of ${count(e.convertedWithoutMicro)})`,
  );
  return [
    {
      level: "warning",
      text: `Range edge, ${edges.length} pairs: some users counted as converting without the micro goal converted in the range's first ${window}, so their micro goal may have been before ${first.since}, outside the range, which puts them in the baseline — up to ${pairs.join(", ")}. Start the range ${window} earlier to rule it out.`,
    },
  ];
}

function costText(a: Analysis): string {
  const x = a.export;
  if (!x) {
    const c = a.counting;
    const counting =
      c.method === "hll++"
        ? ` User counts are GA4's HyperLogLog++ estimates (precision ${c.precision}): every interval includes their counting error; the export (--source files|bigquery) counts exactly.`
        : " User counts are exact.";
    return `Cost: ${count(a.cost.requests)} Data API requests, ${count(a.cost.tokens)} quota tokens (source: ${a.source}).${counting}`;
  }
  const days = x.days.length === 1 ? "1 day" : `${count(x.days.length)} days`;
  const scanned = x.bytesProcessed === null ? "" : `; BigQuery processed ${formatBytes(x.bytesProcessed)}`;
  const queries = a.cost.requests === 1 ? "one query" : `${count(a.cost.requests)} queries`;
  return `Cost: ${queries} over ${count(x.totalEvents)} export events on ${days}${scanned} (source: ${a.source}); exact user counts.`;
}
