// The unfiltered Page View trigger the engagement counter and the Google tag fire on. A page_view
// goal without conditions compiles to the same shape and therefore shares it.
import type { TriggerShape } from "./trigger-shape.js";

export function allPagesTrigger(): TriggerShape {
  return { type: "pageview" };
}
