// The story the demo's synthetic traffic tells: some micro goals really move the macro goals they
// lead to, others are noise. The report should find exactly these; the printed truth lets a
// newcomer check it did.
import type { TrafficOptions } from "../../emulator/traffic/traffic-model.js";

/** micro id → macro id → multiplier on P(macro). 1 = no effect at all. */
export const demoEffects: NonNullable<TrafficOptions["effects"]> = {
  view_product: { purchase: 1.6 },
  add_to_cart: { purchase: 3 },
  begin_checkout: { purchase: 4 },
  size_guide_open: { purchase: 1 },
  newsletter_signup: { purchase: 1 },
  reviews_seen: { purchase: 1.4 },
  loyal_browser: { purchase: 1 },
  view_pricing: { demo_request: 2.5 },
  watch_demo_video: { demo_request: 2, purchase: 1 },
  download_catalog: { demo_request: 3 },
  contact_sales_mail: { demo_request: 1 },
  read_case_study: { demo_request: 1.8 },
  engaged_three_minutes: { demo_request: 1 },
  returning_visitor: { demo_request: 1 },
};

/** A date `days` before `now`, as YYYY-MM-DD (UTC). */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
