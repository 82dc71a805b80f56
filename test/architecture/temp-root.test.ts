// Temporary folders of a test run live under one folder removed at its end (test/support/temp-root.ts).
import { tmpdir } from "node:os";
import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";

describe("test temporary folders", () => {
  it("go under the run's own folder, not straight into the system's", () => {
    expect(basename(tmpdir())).toMatch(/^microgoals-tests-/);
    expect(basename(dirname(tmpdir()))).not.toMatch(/^microgoals-tests-/);
  });
});
