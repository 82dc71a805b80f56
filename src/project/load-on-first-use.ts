// Packages that only some projects need (the YAML library for files outside the plain subset, the
// CSS selector parser, the cron parser), loaded synchronously the first time one is needed rather
// than at startup: each costs milliseconds of every cold `validate` (issue 19). All three send
// `require` to a CommonJS build of the same source as their ES module build.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function loadOnFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
