// GTM built-in variables: the spec's snake_case name, the API enum (camelCase; exports spell it
// UPPER_SNAKE, see export-format.ts) and the display name templates reference as {{Page Path}}.
import type { BuiltinName } from "../project/model.js";

interface BuiltIn {
  type: string;
  name: string;
}

export const BUILT_INS: Record<BuiltinName, BuiltIn> = {
  page_url: { type: "pageUrl", name: "Page URL" },
  page_hostname: { type: "pageHostname", name: "Page Hostname" },
  page_path: { type: "pagePath", name: "Page Path" },
  referrer: { type: "referrer", name: "Referrer" },
  event: { type: "event", name: "Event" },
  click_element: { type: "clickElement", name: "Click Element" },
  click_classes: { type: "clickClasses", name: "Click Classes" },
  click_id: { type: "clickId", name: "Click ID" },
  click_target: { type: "clickTarget", name: "Click Target" },
  click_url: { type: "clickUrl", name: "Click URL" },
  click_text: { type: "clickText", name: "Click Text" },
  form_element: { type: "formElement", name: "Form Element" },
  form_classes: { type: "formClasses", name: "Form Classes" },
  form_id: { type: "formId", name: "Form ID" },
  form_target: { type: "formTarget", name: "Form Target" },
  form_url: { type: "formUrl", name: "Form URL" },
  form_text: { type: "formText", name: "Form Text" },
  video_provider: { type: "videoProvider", name: "Video Provider" },
  video_url: { type: "videoUrl", name: "Video URL" },
  video_title: { type: "videoTitle", name: "Video Title" },
  video_duration: { type: "videoDuration", name: "Video Duration" },
  video_percent: { type: "videoPercent", name: "Video Percent" },
  video_visible: { type: "videoVisible", name: "Video Visible" },
  video_status: { type: "videoStatus", name: "Video Status" },
  video_current_time: { type: "videoCurrentTime", name: "Video Current Time" },
  scroll_depth_threshold: { type: "scrollDepthThreshold", name: "Scroll Depth Threshold" },
  scroll_depth_units: { type: "scrollDepthUnits", name: "Scroll Depth Units" },
  scroll_direction: { type: "scrollDepthDirection", name: "Scroll Direction" },
  percent_visible: { type: "elementVisibilityRatio", name: "Percent Visible" },
  on_screen_duration: { type: "elementVisibilityTime", name: "On-Screen Duration" },
  new_history_fragment: { type: "newHistoryFragment", name: "New History Fragment" },
  old_history_fragment: { type: "oldHistoryFragment", name: "Old History Fragment" },
  new_history_state: { type: "newHistoryState", name: "New History State" },
  old_history_state: { type: "oldHistoryState", name: "Old History State" },
  history_source: { type: "historySource", name: "History Source" },
};

/** Display name → spec name, for translating "{{Click URL}}" back in import. */
export const BUILT_IN_BY_DISPLAY_NAME: ReadonlyMap<string, BuiltinName> = new Map(
  (Object.entries(BUILT_INS) as [BuiltinName, BuiltIn][]).map(([k, v]) => [v.name, k]),
);

/** API type → display name (for export's builtInVariable list). */
export const BUILT_IN_NAME_BY_TYPE: ReadonlyMap<string, string> = new Map(
  Object.values(BUILT_INS).map((b) => [b.type, b.name]),
);
