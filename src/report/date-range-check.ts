// A report's dates are checked before any request, on every source: a date that does not exist
// (2024-02-30), words GA4 does not know ("last week"), or a range that ends before it starts is a
// usage error (exit 2) in one line, never a raw API body or an empty report.
import { UsageError } from "../errors.js";
import { dayOf } from "./period.js";

export const DATE_HINT =
  "Use YYYY-MM-DD, today, yesterday or NdaysAgo (e.g. --since 28daysAgo --until yesterday).";

export function checkDateRange(since: string | undefined, until: string | undefined, now: Date): void {
  const from = since === undefined ? undefined : dayOf(since, now);
  const to = until === undefined ? undefined : dayOf(until, now);
  if (since !== undefined && from === undefined)
    throw new UsageError(`--since ${since} is not a date`, DATE_HINT);
  if (until !== undefined && to === undefined)
    throw new UsageError(`--until ${until} is not a date`, DATE_HINT);
  if (from !== undefined && to !== undefined && from > to)
    throw new UsageError(
      `--since ${since} is after --until ${until}`,
      "Swap them: the range runs from --since to --until.",
    );
}
