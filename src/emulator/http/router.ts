// Finds the route for a method + path. A path that matches no route at all, or only routes of other
// methods, is Google's 404 (Google answers unknown methods on known paths the same way).
import type { Route } from "./route.js";

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: { ...(m.groups ?? {}) } };
  }
  return undefined;
}
