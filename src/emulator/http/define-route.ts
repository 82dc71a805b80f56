// Shorthand for route tables: a URL template instead of a hand-written RegExp.
import { pathPattern } from "./path-pattern.js";
import type { EmulatorRequest, EmulatorResponse, QuotaApi, Route } from "./route.js";

type Handler = (
  req: EmulatorRequest,
  params: Record<string, string>,
) => EmulatorResponse | Promise<EmulatorResponse>;

export function defineRoute(
  api: QuotaApi,
  method: Route["method"],
  template: string,
  handle: Handler,
): Route {
  return { api, method, pattern: pathPattern(template), write: method !== "GET", handle };
}

export function ok(body?: unknown): EmulatorResponse {
  return { status: 200, body };
}
