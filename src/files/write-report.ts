// A report costs quota and time to compute: when its --out cannot be written, it is kept in a
// temporary file and the error says where, instead of being lost.
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { UserError } from "../errors.js";
import { writeOutput } from "./write-output.js";

export async function writeReport(path: string, content: string): Promise<void> {
  try {
    await writeOutput(path, content, "report");
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const kept = join(tmpdir(), `microgoals-${process.pid}-${basename(path) || "report"}`);
    const saved = await writeFile(kept, content).then(
      () => true,
      () => false,
    );
    throw new UserError(
      err.message,
      err.exitCode,
      saved ? `${err.hint} The report was kept in ${kept}.` : err.hint,
    );
  }
}
