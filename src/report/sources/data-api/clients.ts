// The official Data API clients (v1beta for runReport/batchRunReports, v1alpha for
// runFunnelReport), imported lazily so CLI startup never loads them. An endpoint URL (the
// emulator) gets the REST fallback over plain HTTP with no credentials; otherwise credentials are
// checked up front, exactly as deploy does (src/google/auth.ts), and one auth serves both clients.
import { endpointUrl } from "../../../google/endpoint.js";

export interface DataClientOptions {
  /** e.g. http://127.0.0.1:8080 (the emulator); default: MICROGOALS_ENDPOINT, then real Google */
  endpoint?: string;
  /** service-account key file; default: Application Default Credentials */
  credentials?: string;
}

/** The three calls a report makes, typed loosely over plain request objects. */
export interface DataClients {
  batchRunReports(request: Record<string, unknown>): Promise<unknown>;
  runFunnelReport(request: Record<string, unknown>): Promise<unknown>;
  /** Never rejects: teardown must not hide the error that ended the report. */
  close(): Promise<void>;
}

export async function dataClients(options: DataClientOptions = {}): Promise<DataClients> {
  return officialDataClients(await clientOptionsFor(options));
}

/** Constructor options for both official clients: the emulator's REST fallback, or checked credentials. */
async function clientOptionsFor(options: DataClientOptions): Promise<Record<string, unknown>> {
  const url = endpointUrl(options.endpoint);
  if (url) {
    const { PassThroughClient } = await import("google-auth-library");
    return {
      fallback: true,
      apiEndpoint: url.hostname,
      port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
      protocol: url.protocol.replace(":", ""),
      authClient: new PassThroughClient(),
    };
  }
  const { connect } = await import("../../../google/auth.js");
  // "plan" is auth.ts's read-only scope set (Analytics and Tag Manager read-only).
  const { auth } = await connect({ credentials: options.credentials, scopes: "plan" });
  return { auth };
}

/** Both official clients built from the same options and wrapped as DataClients. */
export async function officialDataClients(clientOptions: Record<string, unknown>): Promise<DataClients> {
  const { BetaAnalyticsDataClient, v1alpha } = await import("@google-analytics/data");
  type Options = ConstructorParameters<typeof BetaAnalyticsDataClient>[0];
  const beta = new BetaAnalyticsDataClient(clientOptions as Options);
  const alpha = new v1alpha.AlphaAnalyticsDataClient(clientOptions as Options);
  return {
    async batchRunReports(request) {
      const [response] = await (await started(beta)).batchRunReports(request);
      return response;
    },
    async runFunnelReport(request) {
      const [response] = await (await started(alpha)).runFunnelReport(request);
      return response;
    },
    async close() {
      // A client whose start failed rejects on close() with that same failure: already reported.
      await Promise.allSettled([beta, alpha].map(async (client) => client.close()));
    },
  };
}

/**
 * gax starts a client on its first call and, when that fails (auth), also rethrows the failure in
 * a detached `.catch`: an unhandled rejection that would end a long `schedule` process. Awaiting
 * the start here first makes a failed start reject in our hands, and the call is never made.
 */
async function started<C extends { initialize(): Promise<unknown> }>(client: C): Promise<C> {
  await client.initialize();
  return client;
}
