// `npm run build` step: writes the ajv standalone validators for schema/microgoals.schema.json.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedValidatorsFile, schemaValidatorsModule } from "../src/project/schema-validators-codegen.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const schema = readFileSync(join(root, "schema", "microgoals.schema.json"), "utf8");
const target = join(root, generatedValidatorsFile);
const text = schemaValidatorsModule(schema);
let old = "";
try {
  old = readFileSync(target, "utf8");
} catch {}
if (old !== text) {
  writeFileSync(target, text);
  // The committed copy was stale (test/project/schema-validators.test.ts fails on it without a build).
  console.error(`regenerated ${generatedValidatorsFile} from the schema: commit it`);
}
