// A Slack-compatible incoming-webhook payload: `text` is the notification fallback, `blocks` the
// rich layout (mrkdwn sections). Other chat tools that accept Slack payloads read `text`.
import type { Alert } from "./alerts.js";

export interface WebhookMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

export interface MessageSummary {
  /** e.g. "microgoals report: Example Outdoor Store (staging)" */
  title: string;
  /** e.g. "2024-05-01 – 2024-05-28" */
  period: string;
  /** a few lines: top pairs, caveats */
  lines: string[];
  /** where the full report lives, when known (a path or URL) */
  link?: string;
}

// Slack rejects section texts over 3,000 characters; stay well below.
const MAX_SECTION = 2_800;
const MAX_ALERTS = 10;

export function slackMessage(summary: MessageSummary, alerts: Alert[]): WebhookMessage {
  const headline =
    alerts.length === 0
      ? `${summary.title}: no significant changes (${summary.period})`
      : `${summary.title}: ${alerts.length} alert${alerts.length === 1 ? "" : "s"} (${summary.period})`;
  const blocks: Record<string, unknown>[] = [
    // Every text field is escaped: Slack reads `<!channel>`, `<@U…>` and `<url|label>` in them, and
    // the title and alerts carry the spec's text.
    { type: "header", text: { type: "plain_text", text: clipEscaped(headline, 150) } },
  ];
  if (alerts.length > 0) {
    const shown = alerts.slice(0, MAX_ALERTS).map((a) => `• :rotating_light: ${mrkdwnEscape(a.message)}`);
    if (alerts.length > MAX_ALERTS) shown.push(`…and ${alerts.length - MAX_ALERTS} more`);
    blocks.push(section(`*Alerts*\n${shown.join("\n")}`));
  }
  if (summary.lines.length > 0) blocks.push(section(summary.lines.map(mrkdwnEscape).join("\n")));
  if (summary.link)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: mrkdwnEscape(summary.link) }] });
  const text = [headline, ...alerts.map((a) => `- ${a.message}`)].join("\n");
  return { text: clipEscaped(text, 3_000), blocks };
}

function section(text: string): Record<string, unknown> {
  return { type: "section", text: { type: "mrkdwn", text: clip(text, MAX_SECTION) } };
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Escaped, then within `max`: clipping the raw text never cuts an entity in half. */
function clipEscaped(s: string, max: number): string {
  let keep = max;
  let out = mrkdwnEscape(clip(s, keep));
  while (out.length > max) {
    keep -= Math.ceil((out.length - max) / 5); // "&amp;": one character escapes to at most five
    out = mrkdwnEscape(clip(s, keep));
  }
  return out;
}

// Slack mrkdwn control characters.
function mrkdwnEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
