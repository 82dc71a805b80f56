// GA4's default channel group from a source and a medium, as one rule table that both the export SQL
// (sources/export/breakdown-query.ts) and the emulator read, so the two can never drift. A subset of
// GA4's published rules (support.google.com/analytics/answer/9756891), in GA4's order; the first
// rule that matches wins, nothing matching is "Unassigned". Cross-network and the shopping/video
// site lists need data the export does not carry: they are left out.

export interface FieldTest {
  field: "source" | "medium";
  /** lower-cased value is one of these */
  in?: string[];
  /** RE2/JavaScript pattern on the lower-cased value */
  pattern?: string;
}

/** A channel matches when any alternative matches; an alternative is all of its tests. */
export interface ChannelRule {
  channel: string;
  anyOf: FieldTest[][];
}

const SEARCH = ["google", "bing", "yahoo", "baidu", "duckduckgo", "yandex", "ecosia", "naver", "ask", "aol"];
const SOCIAL = [
  "facebook",
  "instagram",
  "linkedin",
  "twitter",
  "t.co",
  "pinterest",
  "reddit",
  "tiktok",
  "x.com",
];
const VIDEO = ["youtube", "vimeo", "twitch"];
const PAID = "^(.*cp.*|ppc|retargeting|paid.*)$";

export const CHANNEL_RULES: ChannelRule[] = [
  {
    channel: "Direct",
    anyOf: [
      [
        { field: "source", in: ["(direct)"] },
        { field: "medium", in: ["(none)", "(not set)"] },
      ],
    ],
  },
  {
    channel: "Paid Search",
    anyOf: [
      [
        { field: "source", in: SEARCH },
        { field: "medium", pattern: PAID },
      ],
    ],
  },
  {
    channel: "Paid Social",
    anyOf: [
      [
        { field: "source", in: SOCIAL },
        { field: "medium", pattern: PAID },
      ],
    ],
  },
  {
    channel: "Paid Video",
    anyOf: [
      [
        { field: "source", in: VIDEO },
        { field: "medium", pattern: PAID },
      ],
    ],
  },
  {
    channel: "Display",
    anyOf: [[{ field: "medium", in: ["display", "banner", "expandable", "interstitial", "cpm"] }]],
  },
  { channel: "Paid Other", anyOf: [[{ field: "medium", pattern: PAID }]] },
  {
    channel: "Organic Social",
    anyOf: [
      [{ field: "source", in: SOCIAL }],
      [
        {
          field: "medium",
          in: ["social", "social-network", "social-media", "sm", "social network", "social media"],
        },
      ],
    ],
  },
  {
    channel: "Organic Video",
    anyOf: [[{ field: "source", in: VIDEO }], [{ field: "medium", pattern: "^(.*video.*)$" }]],
  },
  {
    channel: "Organic Search",
    anyOf: [[{ field: "source", in: SEARCH }], [{ field: "medium", in: ["organic"] }]],
  },
  { channel: "Referral", anyOf: [[{ field: "medium", in: ["referral", "app", "link"] }]] },
  {
    channel: "Email",
    anyOf: [
      [{ field: "source", in: ["email", "e-mail", "e_mail", "e mail"] }],
      [{ field: "medium", in: ["email", "e-mail", "e_mail", "e mail"] }],
    ],
  },
  { channel: "Affiliates", anyOf: [[{ field: "medium", in: ["affiliate"] }]] },
  { channel: "Audio", anyOf: [[{ field: "medium", in: ["audio"] }]] },
  { channel: "SMS", anyOf: [[{ field: "source", in: ["sms"] }], [{ field: "medium", in: ["sms"] }]] },
];

export const UNASSIGNED = "Unassigned";

/** The channel of a source and medium (missing values read as "(not set)"). */
export function channelOf(source: string | null | undefined, medium: string | null | undefined): string {
  const v = { source: (source ?? "(not set)").toLowerCase(), medium: (medium ?? "(not set)").toLowerCase() };
  const holds = (t: FieldTest) =>
    (t.in === undefined || t.in.includes(v[t.field])) &&
    (t.pattern === undefined || new RegExp(t.pattern).test(v[t.field]));
  return CHANNEL_RULES.find((r) => r.anyOf.some((alt) => alt.every(holds)))?.channel ?? UNASSIGNED;
}
