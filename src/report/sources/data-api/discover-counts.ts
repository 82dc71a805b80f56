// Discovery's counts through the GA4 Data API: an inventory (events, event × page path prefix,
// event × registered custom dimension value, each half's users and converters), then one or two
// funnel requests per candidate. Requests grow with candidates, so the cost is estimated after the
// inventory and before the search, and refused above `maxTokens`. Candidates whose users cannot
// reach min_users in both halves (by the inventory's upper bound) are not queried: too rare.
import { UserError } from "../../../errors.js";
import {
  type CandidateCounts,
  type CandidateDefinition,
  type HalfCounts,
  kindOf,
} from "../../discover/candidate.js";
import type { DataClients } from "./clients.js";
import { mapConcurrent } from "./concurrency.js";
import {
  candidateFunnel,
  dimensionOfParam,
  eventInventory,
  firstSegment,
  type Half,
  halfOfFirstSessionDate,
  halfTotals,
  SEGMENTS,
  segmentName,
  valueInventory,
} from "./discover-queries.js";
import { MAX_BATCH } from "./queries.js";
import { type ReportLike, rowsOf, tokensOf } from "./responses.js";
import { call, MAX_CONCURRENT } from "./source.js";

export interface DataApiDiscoverOptions {
  clients: DataClients;
  propertyId: string;
  /** YYYY-MM-DD */
  since: string;
  until: string;
  macroEvent: string;
  windowSeconds: number;
  minUsers: number;
  /** parameter names of the property's EVENT-scoped custom dimensions */
  customParams: string[];
  /** refuse the search when the estimate (inventory spent + search) is above this */
  maxTokens?: number;
  /** told the estimate before the search runs, and the cost after */
  onCost?: (line: string) => void;
  concurrency?: number;
}

export interface CostEstimate {
  inventory: { requests: number; tokens: number };
  search: { candidates: number; requests: number; tokens: number; perRequest: number };
}

export interface DataApiDiscoverCounts {
  candidates: CandidateCounts[];
  since: string;
  until: string;
  events: number;
  /** candidates not queried: the inventory shows fewer than 2 × min_users users */
  tooRare: number;
  estimate: CostEstimate;
  cost: { requests: number; tokens: number };
  /** requests whose answer GA4 flagged (thresholding, "(other)" row, sampling) */
  caveats: string[];
}

/** tokensPerProjectPerHour of a standard property (GOOGLE-APIS.md): the first limit a large search meets. */
const HOURLY_TOKENS = 14_000;

interface Tally {
  requests: number;
  tokens: number;
  caveats: string[];
}

export async function dataApiDiscoverCounts(o: DataApiDiscoverOptions): Promise<DataApiDiscoverCounts> {
  const property = `properties/${o.propertyId}`;
  const tally: Tally = { requests: 0, tokens: 0, caveats: [] };
  const batch = async (named: { name: string; request: Record<string, unknown> }[]) => {
    const res = (await call("batchRunReports", () =>
      o.clients.batchRunReports({ property, requests: named.map((n) => n.request) }),
    )) as { reports?: ReportLike[] };
    const reports = res.reports ?? [];
    tally.requests++;
    tally.tokens += Math.max(0, ...reports.map(tokensOf));
    for (const [i, r] of reports.entries()) note(tally, named[i]?.name ?? "", r);
    return reports;
  };

  // 1. The event inventory alone: its cost is the per-report figure the estimate scales.
  const [events] = await batch([{ name: "events", request: eventInventory(o.since, o.until) }]);
  const perRequest = Math.max(1, tally.tokens);
  const eventRows = rowsOf(events ?? {});
  const eventCount = eventRows.reduce((n, r) => n + (r.metrics.eventCount ?? 0), 0);

  // 2. The rest of the inventory, five reports a batch.
  const params = ["page_path", ...o.customParams];
  const dims = params.map(dimensionOfParam);
  const rest = [
    { name: "half users", request: halfTotals(o.since, o.until) },
    { name: "half converters", request: halfTotals(o.since, o.until, o.macroEvent) },
    ...dims.map((d) => ({ name: `values ${d}`, request: valueInventory(d, o.since, o.until) })),
  ];
  const answers: ReportLike[] = [];
  for (let i = 0; i < rest.length; i += MAX_BATCH)
    answers.push(...(await batch(rest.slice(i, i + MAX_BATCH))));
  const users = byHalf(answers[0] ?? {});
  const converters = byHalf(answers[1] ?? {});

  // 3. Candidates, with an upper bound of their users (a sum over values may count a user twice).
  const bound = new Map<string, { d: CandidateDefinition; users: number }>();
  const add = (d: CandidateDefinition, n: number) => {
    const k = JSON.stringify(d);
    const seen = bound.get(k);
    bound.set(k, { d, users: (seen?.users ?? 0) + n });
  };
  for (const r of eventRows)
    if (r.dims[0] && r.dims[0] !== o.macroEvent) add({ event: r.dims[0] }, r.metrics.totalUsers ?? 0);
  params.forEach((param, k) => {
    for (const r of rowsOf(answers[2 + k] ?? {})) {
      const [event, raw] = r.dims;
      if (!event || event === o.macroEvent || raw === undefined || raw === "(not set)" || raw === "")
        continue;
      const value = param === "page_path" ? firstSegment(raw) : raw;
      if (value === undefined) continue;
      add({ event, param, value }, r.metrics.totalUsers ?? 0);
    }
  });
  const all = [...bound.values()];
  const chosen = all.filter((c) => c.users >= 2 * o.minUsers).map((c) => c.d);

  // 4. The estimate, before the search; refused above --max-tokens.
  const spanSeconds = (Date.parse(o.until) - Date.parse(o.since)) / 1000 + 86_400;
  // When the window covers the whole range, "before converting" and "within the window before" agree.
  const unboundedToo = o.windowSeconds < spanSeconds;
  const requests = chosen.length * (unboundedToo ? 2 : 1);
  const estimate: CostEstimate = {
    inventory: { requests: tally.requests, tokens: tally.tokens },
    search: { candidates: chosen.length, requests, tokens: requests * perRequest, perRequest },
  };
  o.onCost?.(
    `discover: ${chosen.length} candidates (${all.length - chosen.length} too rare to query) → ${requests} funnel requests, about ${estimate.search.tokens} tokens (${perRequest} a request, as the first report cost); the inventory used ${tally.requests} requests, ${tally.tokens} tokens`,
  );
  const total = tally.tokens + estimate.search.tokens;
  if (total > HOURLY_TOKENS)
    o.onCost?.(
      `discover: above the ${HOURLY_TOKENS.toLocaleString("en-US")} tokens a project may use on a standard property in an hour: GA4 may refuse the search part way (run it again in an hour, or narrow it)`,
    );
  if (o.maxTokens !== undefined && total > o.maxTokens)
    throw new UserError(
      `discover would use about ${total} Data API tokens (${tally.tokens} spent on the inventory, ~${estimate.search.tokens} for ${requests} funnel requests), above --max-tokens ${o.maxTokens}; the search was not run`,
      1,
      "Raise --max-tokens, shorten --since/--until, or raise report.min_users so fewer candidates qualify (a standard property has 200,000 tokens a day, 40,000 an hour).",
    );

  // 5. The search: funnels per candidate, at most 10 in flight per property.
  const limit = Math.min(MAX_CONCURRENT, Math.max(1, o.concurrency ?? MAX_CONCURRENT));
  const funnel = async (d: CandidateDefinition, window: number | undefined, withConverters: boolean) => {
    const res = (await call("runFunnelReport", () =>
      o.clients.runFunnelReport({
        property,
        ...candidateFunnel(d, o.macroEvent, window, withConverters, o.since, o.until),
      }),
    )) as { funnelTable?: ReportLike; propertyQuota?: ReportLike["propertyQuota"] };
    tally.requests++;
    tally.tokens += tokensOf(res);
    note(tally, `funnel ${JSON.stringify(d)}`, res.funnelTable ?? {});
    return segmentSteps(res.funnelTable ?? {});
  };
  const candidates = await mapConcurrent(chosen, limit, async (d): Promise<CandidateCounts> => {
    const windowed = await funnel(d, o.windowSeconds, true);
    const before = unboundedToo ? await funnel(d, undefined, false) : windowed;
    const half = (h: Half): HalfCounts => {
      const s = SEGMENTS.findIndex((x) => x.half === h && !x.converters);
      const c = SEGMENTS.findIndex((x) => x.half === h && x.converters);
      const doers = windowed[s]?.[0] ?? 0;
      const doerConverters = windowed[c]?.[0] ?? 0;
      const convertersBefore = before[s]?.[1] ?? 0;
      return {
        users: users[h],
        doers,
        convertedAfter: windowed[s]?.[1] ?? 0,
        nonDoers: users[h] - doers,
        nonDoersConverted: converters[h] - doerConverters,
        converters: converters[h],
        convertersBefore,
        // Order only: the API has no "at least 60 s before", so a thank-you page seen a moment
        // before the conversion event counts as before (it shows up as a required step instead).
        onlyAfterConverting: Math.max(0, doerConverters - convertersBefore),
      };
    };
    return {
      definition: d,
      kind: kindOf(d),
      discovery: half("discovery"),
      confirmation: half("confirmation"),
    };
  });
  o.onCost?.(`discover: the Data API answered ${tally.requests} requests using ${tally.tokens} tokens`);
  return {
    candidates,
    since: o.since,
    until: o.until,
    events: eventCount,
    tooRare: all.length - chosen.length,
    estimate,
    cost: { requests: tally.requests, tokens: tally.tokens },
    caveats: tally.caveats,
  };
}

/** Users per half from a report by firstSessionDate (each user has one first session date). */
function byHalf(r: ReportLike): Record<Half, number> {
  const out = { discovery: 0, confirmation: 0 };
  for (const row of rowsOf(r)) {
    const h = halfOfFirstSessionDate(row.dims[0] ?? "");
    if (h) out[h] += row.metrics.totalUsers ?? 0;
  }
  return out;
}

/** activeUsers per segment (0-based, request order) and step (0-based) of a segmented funnel table. */
function segmentSteps(table: ReportLike): number[][] {
  const out: number[][] = SEGMENTS.map(() => [0, 0]);
  const names = SEGMENTS.map(segmentName);
  for (const row of rowsOf(table)) {
    const step = Number.parseInt(row.dims[0] ?? "", 10) - 1;
    // GA4 documents the segment dimension as "1. name"; match the name with or without the index.
    const seg = names.indexOf((row.dims[1] ?? "").replace(/^\d+\. /, ""));
    const at = out[seg];
    if (at && (step === 0 || step === 1)) at[step] = row.metrics.activeUsers ?? 0;
  }
  return out;
}

function note(t: Tally, name: string, r: ReportLike): void {
  const m = r.metadata;
  if (!m) return;
  if (m.subjectToThresholding) t.caveats.push(`${name}: subject to thresholding`);
  if (m.dataLossFromOtherRow) t.caveats.push(`${name}: rows folded into "(other)"`);
  if ((m.samplingMetadatas ?? []).length > 0) t.caveats.push(`${name}: sampled`);
}
