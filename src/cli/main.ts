#!/usr/bin/env node
// Entry point. Imports only commander; it loads the registration of the command it runs (all of
// them for help), and each command imports its implementation (and any Google client library)
// lazily inside its action, so --version, --help and validate start as fast as bare Node.
import { Command, CommanderError } from "commander";
import { discardOutputAfterClosedPipe } from "./closed-pipe.js";
import { registrationsFor } from "./command-loaders.js";
import { reportFailure } from "./failure.js";
import { addHelpText } from "./help-text.js";
import { version } from "./version.js";

discardOutputAfterClosedPipe(process.stdout);
discardOutputAfterClosedPipe(process.stderr);

const program = new Command("microgoals")
  .description(
    "Conversion goals as code: compile micro and macro conversions to GTM and GA4, deploy, report.",
  )
  .version(version, "-V, --version")
  // A usage error is the error and one pointer at --help, not the whole help.
  .showHelpAfterError("(run with --help for usage and examples)")
  .exitOverride();

// No top-level await: the bundled CLI is one CommonJS script run from V8's code cache (bundle-cli.ts).
async function main(): Promise<void> {
  for (const register of await registrationsFor(process.argv.slice(2))) register(program);
  addHelpText(program);
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; bad flags with 1 → usage error 2.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
    } else {
      process.exitCode = reportFailure(err);
    }
  }
}

void main();
