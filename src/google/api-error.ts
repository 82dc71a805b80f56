// Classifies what the Google clients throw (GaxiosError and network errors) without depending on
// gaxios types: status, reason, Retry-After, and whether the request may have been applied.

export interface ErrorFacts {
  status?: number;
  /** errors[0].reason or error.status from Google's error body. */
  reason?: string;
  message: string;
  /** Seconds the server asked us to wait. */
  retryAfterS?: number;
  /** No HTTP answer at all (reset, hang up, timeout): the request may or may not have been applied. */
  network: boolean;
  /** Nothing listens at the address (ECONNREFUSED): the request certainly never arrived. */
  refused?: boolean;
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "EAI_AGAIN",
]);

export function errorFacts(err: unknown): ErrorFacts {
  const e = err as Record<string, unknown> | undefined;
  const response = e?.response as { status?: number; data?: unknown; headers?: unknown } | undefined;
  const status = typeof e?.status === "number" ? e.status : response?.status;
  const body = (
    response?.data as { error?: { status?: string; message?: string; errors?: { reason?: string }[] } }
  )?.error;
  const reason = body?.errors?.[0]?.reason ?? body?.status;
  const message = oneLine(body?.message ?? (err instanceof Error ? err.message : String(err)), status);
  const codes = [e?.code, (e?.cause as Record<string, unknown> | undefined)?.code].filter(
    (c): c is string => typeof c === "string",
  );
  const network =
    status === undefined &&
    (codes.some((c) => NETWORK_CODES.has(c)) ||
      /socket hang up|fetch failed|ECONNRESET|network/i.test(message));
  const refused = codes.includes("ECONNREFUSED") || /ECONNREFUSED/.test(message);
  return {
    status,
    reason,
    message,
    retryAfterS: retryAfter(response?.headers),
    network,
    ...(refused ? { refused } : {}),
  };
}

/** What to do when nothing listens at the endpoint (the first call was refused). */
export const NOTHING_LISTENING_HINT =
  "Nothing is listening at that address: start the emulator (`microgoals emulator`), or check --endpoint / MICROGOALS_ENDPOINT.";

/** A proxy or a wrong --endpoint answers a web page, not an API error body. */
export function isWebPage(text: string): boolean {
  return /<(!doctype|html|head|body)\b/i.test(text);
}

/** A server that answers a web page (a proxy, a wrong --endpoint) gets one line, not the page. */
function oneLine(message: string, status: number | undefined): string {
  if (isWebPage(message))
    return `the server answered with a web page${status ? ` (HTTP ${status})` : ""}, not a Google API response: check --endpoint / MICROGOALS_ENDPOINT`;
  const line = message.split("\n")[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function retryAfter(headers: unknown): number | undefined {
  if (!headers) return undefined;
  const raw =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get("retry-after")
      : (headers as Record<string, string | undefined>)["retry-after"];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * The project's daily quota is used up (GTM: 10,000 queries per day). Waiting a window does not help:
 * it refills at midnight Pacific time, so this is reported, never retried.
 */
export function isDailyLimit(f: ErrorFacts): boolean {
  return (
    (f.status === 403 || f.status === 429) &&
    (/dailyLimitExceeded/i.test(f.reason ?? "") || /per day/i.test(f.message))
  );
}

/**
 * A hard limit of the resource, not of the request rate: GA4 answers 429 RESOURCE_EXHAUSTED
 * `limitExceeded` when a property already holds its maximum of key events or custom dimensions.
 * Retrying cannot succeed (and spends quota), so it is reported at once.
 */
export function isHardLimit(f: ErrorFacts): boolean {
  return (
    (f.status === 429 || f.status === 403 || f.status === 400) &&
    (/^limitExceeded$/i.test(f.reason ?? "") || /has reached the limit of/i.test(f.message))
  );
}

export function isRateLimit(f: ErrorFacts): boolean {
  if (isDailyLimit(f) || isHardLimit(f)) return false;
  if (f.status === 429) return true;
  return (
    f.status === 403 &&
    (/rateLimitExceeded|userRateLimitExceeded|quotaExceeded|RESOURCE_EXHAUSTED/i.test(f.reason ?? "") ||
      /quota|rate limit/i.test(f.message))
  );
}

export function isRetryable(f: ErrorFacts): boolean {
  return f.network || isRateLimit(f) || (f.status !== undefined && f.status >= 500);
}

/** The request may have been applied although we got no success answer (lost response). */
export function mayHaveApplied(f: ErrorFacts): boolean {
  return f.network || (f.status !== undefined && f.status >= 500);
}

/** A JWT (a signed service-account assertion, an ID token): a base64url JSON header, "eyJ…". */
const JWT = /\beyJ[\w-]+=*\.[\w-]+=*(\.[\w-]*=*)?/g;

/** Removes anything that looks like a credential from a message before it reaches a user. */
export function redact(text: string): string {
  return text
    .replace(
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
      "[redacted key]",
    )
    .replace(/\bya29\.[\w.-]+/g, "[redacted token]")
    .replace(JWT, "[redacted token]")
    .replace(/\b(Bearer)\s+[\w.~+/-]+=*/gi, "$1 [redacted]")
    .replace(
      /("?(private_key|access_token|refresh_token|client_secret|id_token)"?\s*[:=]\s*)"[^"]*"/gi,
      '$1"[redacted]"',
    )
    .replace(/("?assertion"?\s*[:=]\s*)"[^"]*"/gi, '$1"[redacted]"');
}
