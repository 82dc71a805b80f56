// The example store ships at the package root (microgoals.yaml + goals/), two levels above this
// module both in src/ (tsx, vitest) and in dist/.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function exampleProjectDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}
