// The official Data API clients in REST fallback mode, pointed at a local port.
// (as never: gax pins its own google-auth-library version, whose types differ nominally.)

import data from "@google-analytics/data";
import { PassThroughClient } from "google-auth-library";

export function betaClient(port: number) {
  return new data.BetaAnalyticsDataClient({
    fallback: true,
    apiEndpoint: "127.0.0.1",
    port,
    protocol: "http",
    authClient: new PassThroughClient() as never,
  });
}

export function alphaClient(port: number) {
  return new data.v1alpha.AlphaAnalyticsDataClient({
    fallback: true,
    apiEndpoint: "127.0.0.1",
    port,
    protocol: "http",
    authClient: new PassThroughClient() as never,
  });
}
