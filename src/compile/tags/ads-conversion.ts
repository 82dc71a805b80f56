// Google Ads Conversion Tracking tag (awct), one per goal with `ads:`, on the goal's own trigger.
// Parameter keys and types as GTM writes them (see test/compile/ads-exports): conversionId is the
// digits of AW-…, value/currency/order id come from the goal's parameters by name, else the value
// and currency of its key event. The shared Conversion Linker is conversion-linker.ts.
import type { Goal, Project } from "../../project/model.js";
import type { CompileContext } from "../context.js";
import type { GtmParameter, GtmTagBody } from "../desired-state.js";
import { boolean, template } from "../gtm-parameter.js";

export function adsConversionTagKey(goalId: string): string {
  return `tag:ads:${goalId}`;
}

export function adsConversionTag(
  goal: Goal,
  triggerKey: string,
  ctx: CompileContext,
  project: Pick<Project, "report">,
): Omit<GtmTagBody, "notes"> | undefined {
  const ads = goal.ads;
  if (!ads) return undefined;
  const fromParam = (name: string | undefined): string | undefined => {
    const p = name === undefined ? undefined : goal.params.find((x) => x.name === name);
    return p ? ctx.value(p.from) : undefined;
  };
  const value =
    fromParam(ads.valueParam) ??
    (goal.keyEvent?.value !== undefined ? String(goal.keyEvent.value) : undefined);
  const currency =
    fromParam(ads.currencyParam) ??
    (value !== undefined ? (goal.keyEvent?.currency ?? project.report.currency) : undefined);
  const orderId = fromParam(ads.transactionIdParam);
  const parameter: GtmParameter[] = [
    boolean("enableNewCustomerReporting", false),
    boolean("enableConversionLinker", true),
    boolean("enableProductReporting", false),
    template("conversionCookiePrefix", "_gcl"),
    boolean("enableShippingData", false),
    template("conversionId", ads.conversionId.replace(/^AW-/, "")),
    template("conversionLabel", ads.conversionLabel),
    boolean("rdp", false),
  ];
  if (value !== undefined) parameter.push(template("conversionValue", value));
  if (currency !== undefined) parameter.push(template("currencyCode", currency));
  if (orderId !== undefined) parameter.push(template("orderId", orderId));
  return {
    name: `microgoals · ads · ${goal.id}`,
    type: "awct",
    parameter,
    firingTriggerId: [triggerKey],
    tagFiringOption: "oncePerEvent",
  };
}
