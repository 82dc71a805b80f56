// A webhook URL is a secret twice over: Slack puts its token in the path, and some endpoints take
// `https://user:password@host/…`. fetch() refuses user info in a URL (and quotes the whole URL in
// its error), so the credentials travel as HTTP Basic auth, as curl sends them; and any text about
// a failed delivery is scrubbed of the URL and its parts before anyone prints it.

export interface WebhookRequestTarget {
  /** the URL without user info */
  url: string;
  headers: Record<string, string>;
}

export function requestTarget(url: string): WebhookRequestTarget {
  const u = new URL(url);
  if (!u.username && !u.password) return { url, headers: {} };
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = "";
  u.password = "";
  const basic = Buffer.from(`${user}:${password}`, "utf8").toString("base64");
  return { url: u.href, headers: { authorization: `Basic ${basic}` } };
}

/** `text` with the URL, its path and its user info replaced by the origin / "[redacted]". */
export function scrubUrl(text: string, url: string, origin: string): string {
  let out = text.split(url).join(origin);
  try {
    const u = new URL(url);
    out = out.split(u.href).join(origin);
    const secrets = [u.username, u.password, decodeURIComponent(u.password), u.pathname + u.search];
    for (const s of secrets) if (s.length > 1) out = out.split(s).join("[redacted]");
  } catch {
    // not a URL: nothing more to find
  }
  return out;
}
