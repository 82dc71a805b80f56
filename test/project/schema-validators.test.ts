import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { schemaPath } from "../../src/project/package-root.js";
import {
  generatedValidatorsFile,
  schemaValidatorsModule,
} from "../../src/project/schema-validators-codegen.js";

describe("build-time schema validators", () => {
  it("the committed module is what the build generates from the current schema", () => {
    const root = join(schemaPath, "..", "..");
    const committed = readFileSync(join(root, generatedValidatorsFile), "utf8");
    // If this fails: `npm run build` regenerates src/project/schema-validators.generated.ts.
    expect(committed === schemaValidatorsModule(readFileSync(schemaPath, "utf8"))).toBe(true);
  });
});
