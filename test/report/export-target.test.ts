// A report from the export resolves its target like every other command: a default_target that is not
// among the targets stops it with the usage error, before any file is read.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { runReport } from "../../src/report/run-report.js";
import { testProject } from "./fixture.js";

describe("runReport target", () => {
  it.each([
    ["an unknown --target", { target: "nope" }, "nope"],
    ["a default_target missing from targets", {}, "gone"],
  ])("%s is a usage error", async (_, extra, name) => {
    const project = { ...testProject(), defaultTarget: "gone" };
    const err = await runReport({
      project,
      source: { kind: "files", files: "/nonexistent/events_*.parquet" },
      ...extra,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe(`unknown target "${name}"; targets in microgoals.yaml: staging`);
  });
});
