// The installed package's root directory: the nearest folder above this module holding the schema.
// This module sits two levels down in src/project (tsx, vitest) and dist/project (tsc), three in the
// bundled CLI's dist/cli/chunks/; searching keeps schema/ and templates/ resolving the same way.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function rootAbove(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "schema", "microgoals.schema.json"))) return d;
    if (dirname(d) === d) return join(dir, "..", "..");
  }
}

export const packageRoot = rootAbove(dirname(fileURLToPath(import.meta.url)));
export const schemaPath = join(packageRoot, "schema", "microgoals.schema.json");
export const templatesDir = join(packageRoot, "templates");
