// The contract between the emulator's HTTP server (server.ts) and each API it serves (GTM, GA4 Admin,
// GA4 Data, Measurement Protocol, control API). A route is a method + path pattern + handler over
// plain data; the server does body parsing, quotas, fault injection and error bodies.

export interface EmulatorRequest {
  method: string;
  /** Decoded URL path, e.g. "/tagmanager/v2/accounts/1/containers/2/workspaces/3/tags" */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Which quota bucket a request is charged to (see quota/*). */
export type QuotaApi = "gtm" | "ga4-admin" | "ga4-data" | "mp" | "control";

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Anchored regular expression over EmulatorRequest.path; named groups become params. */
  pattern: RegExp;
  api: QuotaApi;
  /** Whether the request mutates state (fault "lost response" applies only to writes). */
  write: boolean;
  handle(req: EmulatorRequest, params: Record<string, string>): EmulatorResponse | Promise<EmulatorResponse>;
}

/** Thrown by handlers; the server renders Google's JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly code: number, // HTTP status
    readonly status: string, // canonical status: INVALID_ARGUMENT, NOT_FOUND, ...
    message: string,
    readonly reason?: string, // errors[0].reason, e.g. "rateLimitExceeded", "notFound"
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Google's error body: {error: {code, message, status, errors: [{message, domain, reason}]}} */
export function googleErrorBody(err: ApiError): unknown {
  return {
    error: {
      code: err.code,
      message: err.message,
      status: err.status,
      errors: [{ message: err.message, domain: "global", reason: err.reason ?? defaultReason(err.code) }],
    },
  };
}

function defaultReason(code: number): string {
  switch (code) {
    case 400:
      return "badRequest";
    case 401:
      return "authError";
    case 403:
      return "forbidden";
    case 404:
      return "notFound";
    case 409:
      return "conflict";
    case 412:
      return "conditionNotMet";
    case 429:
      return "rateLimitExceeded";
    case 503:
      return "backendError";
    default:
      return "internalError";
  }
}
