// Turns any error that escapes a command into one line on stderr and an exit code. Users never see
// a stack trace unless MICROGOALS_DEBUG is set.
import { redact } from "../google/api-error.js";
import { fileSystemFault } from "./file-system-fault.js";

/** An error the user can fix; `exitCode` follows the documented table in README.md. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Bad flags, missing directory: exit code 2. */
export class UsageError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
    this.name = "UsageError";
  }
}

/** Prints the error (redacted: messages from Google's libraries can quote tokens or keys). */
export function reportFailure(err: unknown): number {
  if (process.env.MICROGOALS_DEBUG && err instanceof Error) console.error(redact(err.stack ?? err.message));
  if (err instanceof UserError) {
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
