// The official Data API clients (v1beta for runReport/batchRunReports, v1alpha for
// runFunnelReport), imported lazily so CLI startup never loads them. An endpoint URL (the
// emulator) gets the REST fallback over plain HTTP with no credentials; otherwise Application
// Default Credentials or a key file, with the read-only Analytics scope.
import { UsageError } from "../../cli/failure.js";

const SCOPE = "https://www.googleapis.com/auth/analytics.readonly";

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
  close(): Promise<void>;
}

export async function dataClients(options: DataClientOptions = {}): Promise<DataClients> {
  const { BetaAnalyticsDataClient, v1alpha } = await import("@google-analytics/data");
  const endpoint = options.endpoint ?? process.env.MICROGOALS_ENDPOINT;
  let clientOptions: Record<string, unknown>;
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new UsageError(`--endpoint is not a URL: ${endpoint}`);
    }
    const { PassThroughClient } = await import("google-auth-library");
    clientOptions = {
      fallback: true,
      apiEndpoint: url.hostname,
      port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
      protocol: url.protocol.replace(":", ""),
      authClient: new PassThroughClient(),
    };
  } else {
    const { GoogleAuth } = await import("google-auth-library");
    const { readKeyFile } = await import("../../google/auth.js");
    const credentials = options.credentials ? await readKeyFile(options.credentials) : undefined;
    clientOptions = { auth: new GoogleAuth({ credentials, scopes: [SCOPE] }) };
  }
  type Options = ConstructorParameters<typeof BetaAnalyticsDataClient>[0];
  const beta = new BetaAnalyticsDataClient(clientOptions as Options);
  const alpha = new v1alpha.AlphaAnalyticsDataClient(clientOptions as Options);
  return {
    async batchRunReports(request) {
      const [response] = await beta.batchRunReports(request);
      return response;
    },
    async runFunnelReport(request) {
      const [response] = await alpha.runFunnelReport(request);
      return response;
    },
    async close() {
      await Promise.all([beta.close(), alpha.close()]);
    },
  };
}
