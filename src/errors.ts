// Errors a user can act on. A leaf module: every folder may import it, and it imports nothing of
// ours, so library code can fail with a user-facing message without depending on the CLI.

/** An error the user can fix; `exitCode` follows the documented table in README.md. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
    readonly hint?: string,
    /** printed before the message (e.g. a spec's located diagnostics) */
    readonly details?: string,
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
