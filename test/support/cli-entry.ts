// How tests start the CLI: the built dist/ when it is newer than every source file (CI builds before
// testing, so there it always is; ~0.4 s less per process than compiling through tsx), otherwise the
// sources through tsx, so an edit is never tested against a stale build. Absolute paths: a test may
// run the CLI from any folder.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const repo = join(import.meta.dirname, "../..");
let entry: string[] | undefined;

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** dist/ was built after the last change to src/ (so it runs what the sources say). */
export function distIsFresh(): boolean {
  const main = join(repo, "dist/cli/main.js");
  return existsSync(main) && newestSource(join(repo, "src")) <= statSync(main).mtimeMs;
}

/** The node arguments before the CLI's own: `node ...cliEntry() report …`. */
export function cliEntry(): string[] {
  entry ??= distIsFresh()
    ? [join(repo, "dist/cli/main.js")]
    : [
        "--import",
        pathToFileURL(join(repo, "node_modules/tsx/dist/loader.mjs")).href,
        join(repo, "src/cli/main.ts"),
      ];
  return [...entry];
}
