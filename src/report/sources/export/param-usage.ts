// What the analysis query must decode from each event: which parameters, for which events, as
// text and/or as a number, and which URL parts of page_location. Decoding event_params (and running
// the URL regular expressions) is most of the query's cost, so nothing is decoded that no goal's
// predicate reads: not for other events, not in a form no comparison uses.
import type { GoalMatcher, ParamPredicate } from "./goal-matcher.js";

export interface ParamUse {
  /** The events of the goals whose predicates read the parameter. */
  events: Set<string>;
  asText: boolean;
  asNumber: boolean;
}

export interface Usage {
  params: Map<string, ParamUse>;
  /** Events whose predicates read the page path / host of page_location. */
  urlPath: Set<string>;
  urlHost: Set<string>;
}

const numericOps = new Set(["gt", "gte", "lt", "lte"]);

/** A numeric comparison reads the number; every other operator reads the text. */
export function readsNumber(p: ParamPredicate): boolean {
  return numericOps.has(p.op);
}

export function paramUsage(goals: GoalMatcher[]): Usage {
  const usage: Usage = { params: new Map(), urlPath: new Set(), urlHost: new Set() };
  const use = (key: string, event: string, asNumber: boolean) => {
    const u = usage.params.get(key) ?? { events: new Set<string>(), asText: false, asNumber: false };
    u.events.add(event);
    if (asNumber) u.asNumber = true;
    else u.asText = true;
    usage.params.set(key, u);
  };
  for (const g of goals)
    for (const p of g.predicates) {
      if ("param" in p.value) use(p.value.param, g.event, readsNumber(p));
      // A URL part is never a number (the comparison is FALSE): only text comparisons read it.
      else if (!readsNumber(p)) {
        use("page_location", g.event, false);
        (p.value.urlPart === "path" ? usage.urlPath : usage.urlHost).add(g.event);
      }
    }
  return usage;
}
