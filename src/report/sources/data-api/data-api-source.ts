// The GA4 Data API behind the ReportSource seam: the query plan run through the official clients.
// Relative dates go to the API as written (it resolves them in the property's time zone).
import { secondaryPairs } from "../../effects/secondary-pairs.js";
import { planReport } from "../../query-plan.js";
import type { ReportSource } from "../report-source.js";
import { type DataClientOptions, type DataClients, dataClients } from "./clients.js";
import { fetchReportInput } from "./source.js";

export interface DataApiReportSourceOptions extends DataClientOptions {
  /** reuse clients (e.g. one per demo run); otherwise they are created here and closed by close() */
  clients?: DataClients;
  /** how the server counts users (default "ga4"; "exact" only for an emulator run with --exact-counts) */
  counting?: "ga4" | "exact";
}

export async function dataApiReportSource(options: DataApiReportSourceOptions): Promise<ReportSource> {
  const own = options.clients === undefined;
  const clients = options.clients ?? (await dataClients(options));
  return {
    read: ({ project, propertyId, since, until, breakdown, adjust }) => {
      const plan = planReport(project);
      return fetchReportInput(plan, {
        propertyId,
        dateRange: { since: since ?? project.report.since, until: until ?? project.report.until },
        clients,
        counting: options.counting,
        breakdown,
        // the Mantel–Haenszel adjusted effects, unless the report asks for none (--no-adjust)
        ...(adjust === false
          ? {}
          : { adjust: { pairs: secondaryPairs(project, plan.pairs), minUsers: project.report.minUsers } }),
      });
    },
    close: async () => {
      if (own) await clients.close();
    },
  };
}
