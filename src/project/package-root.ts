// The installed package's root directory: two levels above this module both in src/project (tsx,
// vitest) and in dist/project (published build), so schema/ and templates/ resolve the same way.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const schemaPath = join(packageRoot, "schema", "microgoals.schema.json");
export const templatesDir = join(packageRoot, "templates");
