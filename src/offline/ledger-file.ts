// The ledger on disk: JSON, replaced whole through files/write-output (written beside, then renamed
// over), so a kill -9 leaves either the previous ledger or the new one, never half of one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { writeOutput } from "../files/write-output.js";
import { emptyLedger, type Ledger } from "./ledger.js";

export function defaultLedgerPath(projectDir: string, goalId: string, measurementId: string): string {
  return join(projectDir, ".microgoals", "offline", `${goalId}.${measurementId}.ledger.json`);
}

export function readLedger(path: string, measurementId: string, event: string): Ledger {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyLedger(measurementId, event);
    throw new UserError(`cannot read the send ledger ${path}: ${(err as Error).message}`);
  }
  let ledger: Ledger;
  try {
    ledger = JSON.parse(text) as Ledger;
  } catch {
    throw new UserError(
      `the send ledger ${path} is not valid JSON`,
      1,
      "It records which rows were sent; restore it from a backup rather than deleting it, or rows will be sent twice.",
    );
  }
  if (ledger.version !== 1 || typeof ledger.entries !== "object" || ledger.entries === null)
    throw new UserError(`the send ledger ${path} is not a microgoals ledger (version 1)`);
  if (ledger.measurementId !== measurementId || ledger.event !== event)
    throw new UserError(
      `the send ledger ${path} is for ${ledger.event} on ${ledger.measurementId}, not ${event} on ${measurementId}`,
      1,
      "Each goal and target has its own ledger; pass the right one with --ledger.",
    );
  return ledger;
}

export async function writeLedger(path: string, ledger: Ledger): Promise<void> {
  await writeOutput(path, `${JSON.stringify(ledger, null, 1)}\n`, "send ledger");
}
