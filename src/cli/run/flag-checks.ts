// Flag values checked before anything runs: a bad one is a usage error (exit 2) in one line.
import { UsageError } from "../../errors.js";
import { AlertRuleError, parseAlertRules } from "../../schedule/alert-rule.js";

/** --alert-on rules: the same grammar as report.alerts, but a typo on the command line is usage. */
export function checkAlertFlags(texts: readonly string[]): void {
  try {
    parseAlertRules([...texts]);
  } catch (err) {
    if (err instanceof AlertRuleError) throw new UsageError(`--alert-on: ${err.message}`);
    throw err;
  }
}

/** --timezone: an IANA zone the runtime knows (Europe/Berlin), not "Mars/Base". */
export function checkTimezone(zone: string | undefined): void {
  if (zone === undefined) return;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw new UsageError(
      `--timezone ${zone} is not a time zone`,
      "Use an IANA name such as Europe/Berlin or UTC.",
    );
  }
}
