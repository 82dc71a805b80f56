// Google tag (googtag) for the measurement ID, compiled only when the project says microgoals
// installs GA4 (install_google_tag: true); many containers already have one.
import type { GtmTagBody } from "../desired-state.js";
import { template } from "../gtm-parameter.js";
import { MEASUREMENT_ID_VARIABLE, ref } from "../naming.js";

export const GOOGLE_TAG_KEY = "tag:google_tag";

export function googleTag(allPagesKey: string): Omit<GtmTagBody, "notes"> {
  return {
    name: "microgoals · Google tag",
    type: "googtag",
    parameter: [template("tagId", ref(MEASUREMENT_ID_VARIABLE))],
    firingTriggerId: [allPagesKey],
    tagFiringOption: "oncePerEvent",
  };
}
