// The `microgoals` bin (built to dist/cli/main.js): runs the bundled CLI (dist/cli/microgoals.cjs,
// one CommonJS script) from V8's code cache written at build time, so a cold start neither parses
// nor compiles the code `validate` runs (issue 19). A cache from another Node or V8 is rejected by
// V8 itself, and the script then compiles as usual. Node 22's module.enableCompileCache does this
// for every module; Node 20 has only vm.Script's cachedData.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, "microgoals.cjs");
const cacheFile = join(here, "microgoals.cjs.v8-cache");

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // not built yet, or removed: compile as usual
}
// The bundle keeps main.ts's `#!` line, which is no JavaScript inside a function. It is ASCII (the
// build checks), so read as Latin-1: the same string without UTF-8 decoding (8 ms instead of 10).
const source = readFileSync(file, "latin1").replace(/^#!.*/, "");
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new Script(wrapped, { filename: file, cachedData });
// The build runs the CLI once with this set; the cache then holds every function that run compiled.
if (process.env.MICROGOALS_WRITE_CODE_CACHE === "1")
  process.once("exit", () => writeFileSync(cacheFile, script.createCachedData()));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, here);
