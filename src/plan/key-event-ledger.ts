// Key events have no notes or description, so microgoals records the ones it created in the notes
// of its GTM folder: "microgoals:key-events=purchase,demo_request". Only key events listed there
// are ever updated or deleted; one a person created (even with the same name) is never touched.
// The ledger is written BEFORE the key events are created, so a run killed in between still owns them.
import { machineLine, parseMarker } from "../compile/ownership.js";

export const FOLDER_KEY = "folder";
const LEDGER_RE = /^microgoals:key-events=(.*)$/m;

export function readLedger(notes: string | undefined): string[] {
  const m = notes ? LEDGER_RE.exec(notes) : null;
  return m ? m[1].split(",").filter((s) => s.length > 0) : [];
}

export function folderNotes(ledger: string[]): string {
  const lines = [
    "Managed by microgoals: its tags, triggers and variables. Do not rename.",
    machineLine(FOLDER_KEY, "0"),
  ];
  const names = [...new Set(ledger)].sort();
  if (names.length > 0) lines.push(`microgoals:key-events=${names.join(",")}`);
  return lines.join("\n");
}

export function isOurFolder(notes: string | undefined): boolean {
  return parseMarker(notes)?.key === FOLDER_KEY;
}
