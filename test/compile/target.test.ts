// One target lookup for every command: the named or default target, or a usage error (exit 2)
// that lists the targets there are.
import { describe, expect, it } from "vitest";
import { checkTarget } from "../../src/cli/run/check-target.js";
import { compile } from "../../src/compile/compile.js";
import { UsageError } from "../../src/errors.js";
import { resolveTarget } from "../../src/project/target.js";
import { baseProject, baseTarget } from "../support/project.js";

const project = baseProject([], {
  defaultTarget: "staging",
  targets: [baseTarget(), { ...baseTarget({ propertyId: "9" }), name: "production" }],
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe("resolveTarget", () => {
  it("returns the named target, else the default", () => {
    expect(resolveTarget(project, "production").ga4.propertyId).toBe("9");
    expect(resolveTarget(project).name).toBe("staging");
  });

  it.each([
    ["resolveTarget", () => resolveTarget(project, "nope")],
    ["compile", () => compile(project, "nope")],
    ["checkTarget", () => checkTarget(project, "nope")],
  ])("%s: an unknown target is a usage error listing the targets", (_, fn) => {
    const err = thrown(fn);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).message).toBe(
      'unknown target "nope"; targets in microgoals.yaml: staging, production',
    );
  });

  it("a default_target that is not among the targets is the same error", () => {
    const err = thrown(() => resolveTarget({ ...project, defaultTarget: "gone" }));
    expect((err as UsageError).message).toMatch(/^unknown target "gone"; targets in microgoals.yaml/);
  });
});
