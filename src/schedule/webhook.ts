// Delivers a message to a webhook (Slack incoming webhook or compatible): POST JSON with a timeout
// per attempt and exponential backoff with jitter between attempts. Never throws: a failed
// delivery is a result to report, because it must never cost the report or the history entry.
// The URL is a secret (Slack embeds the token in it): results and errors name only its origin.
import type { WebhookMessage } from "./slack-message.js";
import { requestTarget, scrubUrl } from "./webhook-url.js";

export interface WebhookOptions {
  /** per attempt (default 10 s) */
  timeoutMs?: number;
  /** attempts after the first (default 3) */
  retries?: number;
  /** first backoff (default 500 ms), doubled each retry, full jitter */
  backoffMs?: number;
  /** aborts waiting and in-flight attempts (e.g. SIGTERM) */
  signal?: AbortSignal;
}

export interface WebhookResult {
  ok: boolean;
  attempts: number;
  status?: number;
  /** why the last attempt failed */
  error?: string;
  /** the URL's origin, safe to print */
  target: string;
}

export async function postWebhook(
  url: string,
  message: WebhookMessage,
  options: WebhookOptions = {},
): Promise<WebhookResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const target = safeOrigin(url);
  const body = JSON.stringify(message);
  let last: WebhookResult = { ok: false, attempts: 0, target, error: "not attempted" };
  if (!/^https?:$/.test(safeProtocol(url))) return { ...last, error: "not an http(s) URL" };
  const request = requestTarget(url);
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    if (options.signal?.aborted) return { ...last, error: "aborted" };
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    let retryAfterMs: number | undefined;
    try {
      const res = await fetch(request.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...request.headers },
        body,
        signal: AbortSignal.any(signals),
      });
      await res.arrayBuffer().catch(() => undefined); // drain so the connection is released
      if (res.ok) return { ok: true, attempts: attempt, status: res.status, target };
      last = { ok: false, attempts: attempt, status: res.status, target, error: `HTTP ${res.status}` };
      // Client errors other than rate limiting will not improve by retrying.
      if (res.status < 500 && res.status !== 429 && res.status !== 408) return last;
      retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    } catch (err) {
      last = { ok: false, attempts: attempt, target, error: scrubUrl(describe(err, timeoutMs), url, target) };
    }
    if (attempt <= retries) {
      const backoff = Math.random() * backoffMs * 2 ** (attempt - 1);
      await sleep(Math.max(backoff, retryAfterMs ?? 0), options.signal);
    }
  }
  return last;
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError") return `timed out after ${timeoutMs} ms`;
  if (e.name === "AbortError") return "aborted";
  if (e.cause?.code) return e.cause.code; // ECONNREFUSED, ENOTFOUND, ECONNRESET ...
  return e.message ?? String(err);
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  // Cap: a webhook is not worth holding a scheduled run for minutes.
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, 30_000) : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return "";
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid URL)";
  }
}
