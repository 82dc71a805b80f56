// A report with no events at all from the local emulator: a new user's emulator starts empty, and
// "check the target's property id" sends them looking in the wrong place. Says how to fill it.
import type { Analysis } from "../../report/analysis.js";
import { noEventsAtAll } from "../../report/no-events-at-all.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** The hint, when `endpoint` is on this machine and the report found no events at all. */
export function emptyEmulatorHint(a: Analysis, endpoint: string | undefined): string | undefined {
  if (!endpoint || !noEventsAtAll(a)) return undefined;
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return undefined;
  }
  if (!LOOPBACK.has(host)) return undefined;
  const property = a.propertyId ?? "PROPERTY";
  return (
    `the emulator at ${endpoint} has no events for property ${property}. Load a GA4 export into it ` +
    `(microgoals emulator --load 'exports/*.parquet' --load-property ${property}) or send it ` +
    `Measurement Protocol hits (--stream G-XXXXXXXX=${property}); \`microgoals demo\` shows a ` +
    "report on generated traffic."
  );
}
