// The Measurement Protocol adapter: plain fetch to /mp/collect and /debug/mp/collect. Google ships
// no official Measurement Protocol client for Node (the googleapis packages cover the Admin and
// Data APIs only), so this is the one place the project talks HTTP itself. The API secret travels
// in the query string as Google requires; it is redacted from every message this file produces.

export interface MpValidationMessage {
  fieldPath?: string;
  description?: string;
  validationCode?: string;
}

/** accepted: 2xx; refused: an HTTP error status (not taken); no-reply: the request may have arrived. */
export type CollectOutcome =
  | { kind: "accepted" }
  | { kind: "refused"; status: number }
  | { kind: "no-reply"; reason: string };

export type ValidateOutcome =
  | { kind: "validated"; messages: MpValidationMessage[] }
  | { kind: "refused"; status: number }
  | { kind: "no-reply"; reason: string };

export interface MpTransport {
  collect(body: object): Promise<CollectOutcome>;
  validate(body: object): Promise<ValidateOutcome>;
}

export const GOOGLE_MP_ORIGIN = "https://www.google-analytics.com";

export interface MpTransportOptions {
  /** https://www.google-analytics.com, or the emulator's URL */
  origin: string;
  measurementId: string;
  apiSecret: string;
  timeoutMs?: number;
}

export function mpTransport(o: MpTransportOptions): MpTransport {
  const url = (path: string) => {
    const u = new URL(path, o.origin);
    u.searchParams.set("measurement_id", o.measurementId);
    u.searchParams.set("api_secret", o.apiSecret);
    return u;
  };
  const redact = (text: string) => (o.apiSecret ? text.split(o.apiSecret).join("[api secret]") : text);
  const post = (path: string, body: object) =>
    fetch(url(path), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
    });
  return {
    async collect(body) {
      let res: Response;
      try {
        res = await post("/mp/collect", body);
        await res.arrayBuffer();
      } catch (err) {
        return { kind: "no-reply", reason: redact(describe(err)) };
      }
      return res.ok ? { kind: "accepted" } : { kind: "refused", status: res.status };
    },
    async validate(body) {
      let res: Response;
      let json: unknown;
      try {
        res = await post("/debug/mp/collect", body);
        if (!res.ok) {
          await res.arrayBuffer();
          return { kind: "refused", status: res.status };
        }
        json = await res.json();
      } catch (err) {
        return { kind: "no-reply", reason: redact(describe(err)) };
      }
      const messages = (json as { validationMessages?: unknown } | null)?.validationMessages;
      return {
        kind: "validated",
        messages: Array.isArray(messages) ? (messages as MpValidationMessage[]) : [],
      };
    },
  };
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return "timed out";
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
