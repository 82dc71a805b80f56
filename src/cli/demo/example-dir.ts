// The example store ships at the package root (microgoals.yaml + goals/).
import { packageRoot } from "../../project/package-root.js";

export function exampleProjectDir(): string {
  return packageRoot;
}
