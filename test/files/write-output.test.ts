// The one writer of output files: missing folders made, file-system refusals as one-line user errors.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { writeOutput } from "../../src/files/write-output.js";

describe("writeOutput", () => {
  it("makes missing folders, several levels deep", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-write-"));
    await writeOutput(join(dir, "a", "b", "r.html"), "<p>report</p>");
    expect(readFileSync(join(dir, "a", "b", "r.html"), "utf8")).toBe("<p>report</p>");
  });

  it("a file where a folder should be is a user error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mg-write-"));
    writeFileSync(join(dir, "a"), "x");
    await expect(writeOutput(join(dir, "a", "b", "r.html"), "x")).rejects.toBeInstanceOf(UserError);
  });

  // Node's recursive mkdir never settles below /proc; the writer must answer at once.
  it.runIf(existsSync("/proc/self"))(
    "a folder that cannot be made below /proc is a user error, not a hang",
    async () => {
      const err = await writeOutput("/proc/microgoals-no-such/r.html", "x").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(
        /^cannot write the file to \/proc\/microgoals-no-such\/r.html: /,
      );
    },
    5_000,
  );
});
