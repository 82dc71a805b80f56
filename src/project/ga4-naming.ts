// GA4's collection rules on names (shared/design/GOOGLE-APIS.md, "Event naming limits"): one copy for
// the spec rules (which refuse a bad name before deploy) and the emulator's Measurement Protocol
// validation (which answers like Google does when such a name is sent anyway).

/** Event and parameter names. */
export const maxNameLength = 40;
export const maxUserPropertyNameLength = 24;
export const nameFormat = /^[A-Za-z][A-Za-z0-9_]*$/;
export const reservedPrefixes = ["_", "ga_", "google_", "firebase_", "gtag."];

/**
 * The reserved prefix `name` starts with. The spec also refuses "GA_x" (it would read as Google's
 * own); the emulator matches the case exactly, as collection does (`caseSensitive`).
 */
export function reservedPrefixOf(name: string, opts: { caseSensitive?: boolean } = {}): string | undefined {
  const subject = opts.caseSensitive ? name : name.toLowerCase();
  return reservedPrefixes.find((p) => subject.startsWith(p));
}

/** Event names Measurement Protocol refuses (NAME_RESERVED). */
export const measurementProtocolReservedEvents = new Set([
  "ad_activeview",
  "ad_click",
  "ad_exposure",
  "ad_query",
  "ad_reward",
  "adunit_exposure",
  "app_background",
  "app_clear_data",
  "app_exception",
  "app_remove",
  "app_store_refund",
  "app_store_subscription_cancel",
  "app_store_subscription_convert",
  "app_store_subscription_renew",
  "app_update",
  "app_upgrade",
  "dynamic_link_app_open",
  "dynamic_link_app_update",
  "dynamic_link_first_open",
  "error",
  "first_open",
  "first_visit",
  "in_app_purchase",
  "notification_dismiss",
  "notification_foreground",
  "notification_open",
  "notification_receive",
  "os_update",
  "session_start",
  "session_start_with_rollout",
  "user_engagement",
]);

/** Events GA4 sends by itself (automatic and enhanced measurement) that a site may also send. */
const automaticEvents = [
  "ad_impression",
  "click",
  "file_download",
  "form_start",
  "form_submit",
  "page_view",
  "screen_view",
  "scroll",
  "video_complete",
  "video_progress",
  "video_start",
  "view_search_results",
];

/** Events GA4 sends by itself or reserves for apps: a goal may reuse one only on purpose. */
export const reservedEventNames = new Set([...measurementProtocolReservedEvents, ...automaticEvents]);

/** User property names Measurement Protocol refuses besides the reserved prefixes. */
export const reservedUserProperties = new Set([
  "first_open_time",
  "first_visit_time",
  "last_deep_link_referrer",
  "user_id",
  "first_open_after_install",
]);
