// Built-in variable types (API camelCase) and the display names that {{...}} references use.
// A new container has GTM's five defaults enabled.

export const DEFAULT_BUILT_INS = ["pageUrl", "pageHostname", "pagePath", "referrer", "event"];

const SPECIAL: Record<string, string> = {
  elementVisibilityRatio: "Percent Visible",
  elementVisibilityTime: "On-Screen Duration",
  elementVisibilityFirstTime: "First Time Visible",
  elementVisibilityRecentTime: "Recent Time Visible",
  sdkVersion: "SDK Version",
};

const ACRONYMS: Record<string, string> = { Url: "URL", Id: "ID", Html: "HTML", Sdk: "SDK" };

/** "pageUrl" → "Page URL", "clickId" → "Click ID", "scrollDepthThreshold" → "Scroll Depth Threshold". */
export function builtInName(type: string): string {
  if (SPECIAL[type]) return SPECIAL[type];
  return type
    .replace(/([A-Z])/g, " $1")
    .replace(/^./, (c) => c.toUpperCase())
    .split(" ")
    .map((w) => ACRONYMS[w] ?? w)
    .join(" ");
}

/** The API takes camelCase; UPPER_SNAKE (the export spelling) is rejected like Google does. */
export function isValidBuiltInType(type: string): boolean {
  return /^[a-z][a-zA-Z0-9]*$/.test(type);
}
