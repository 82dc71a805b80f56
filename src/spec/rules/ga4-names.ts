// GA4 collection limits on names (see shared/design/GOOGLE-APIS.md, "Event naming limits").

export const maxNameLength = 40;
export const nameFormat = /^[A-Za-z][A-Za-z0-9_]*$/;
export const reservedPrefixes = ["_", "ga_", "google_", "firebase_", "gtag."];

export function reservedPrefixOf(name: string): string | undefined {
  const lower = name.toLowerCase();
  return reservedPrefixes.find((p) => lower.startsWith(p));
}

/** Events GA4 sends by itself (automatic and enhanced measurement) or reserves for apps. */
export const reservedEventNames = new Set([
  "ad_activeview",
  "ad_click",
  "ad_exposure",
  "ad_impression",
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
  "click",
  "dynamic_link_app_open",
  "dynamic_link_app_update",
  "dynamic_link_first_open",
  "error",
  "file_download",
  "first_open",
  "first_visit",
  "form_start",
  "form_submit",
  "in_app_purchase",
  "notification_dismiss",
  "notification_foreground",
  "notification_open",
  "notification_receive",
  "os_update",
  "page_view",
  "screen_view",
  "scroll",
  "session_start",
  "user_engagement",
  "video_complete",
  "video_progress",
  "video_start",
  "view_search_results",
]);
