// Turns any error that escapes a command into one line on stderr and an exit code. Users never see
// a stack trace unless MICROGOALS_DEBUG is set. The error types themselves live in src/errors.ts.
import { UserError } from "../errors.js";
import { redact } from "../google/api-error.js";
import { fileSystemFault } from "./file-system-fault.js";

/** Prints the error (redacted: messages from Google's libraries can quote tokens or keys). */
export function reportFailure(err: unknown): number {
  if (process.env.MICROGOALS_DEBUG && err instanceof Error) console.error(redact(err.stack ?? err.message));
  if (err instanceof UserError) {
    if (err.details) process.stderr.write(err.details);
    console.error(`microgoals: ${redact(err.message)}`);
    if (err.hint) console.error(`  ${redact(err.hint)}`);
    return err.exitCode;
  }
  const fault = fileSystemFault(err);
  if (fault) {
    console.error(`microgoals: ${redact(fault.message)}`);
    console.error(`  ${fault.hint}`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  console.error(`microgoals: internal error: ${redact(message)}`);
  console.error("  This is a bug in microgoals; run again with MICROGOALS_DEBUG=1 for details.");
  return 70;
}
