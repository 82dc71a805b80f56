// One Conversion Linker (gclidw) per container when any goal sends a Google Ads conversion: it
// stores the ad click id from the landing page URL in a first-party cookie so the awct tags can
// attribute conversions. Fires on all pages; parameters as in real exports (all defaults off).
import type { GtmTagBody } from "../desired-state.js";
import { boolean } from "../gtm-parameter.js";

export const CONVERSION_LINKER_KEY = "tag:conversion_linker";

export function conversionLinkerTag(allPagesKey: string): Omit<GtmTagBody, "notes"> {
  return {
    name: "microgoals · Conversion Linker",
    type: "gclidw",
    parameter: [
      boolean("enableCrossDomain", false),
      boolean("enableUrlPassthrough", false),
      boolean("enableCookieOverrides", false),
    ],
    firingTriggerId: [allPagesKey],
    tagFiringOption: "oncePerEvent",
  };
}
