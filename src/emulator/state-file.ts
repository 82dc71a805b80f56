// --state: load at start, persist on change (debounced) with an atomic temp-file + rename write.
// A failed write is reported on stderr and the emulator keeps serving: the next change rewrites the
// whole snapshot, so one lost write heals itself.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { EmulatorState } from "./state.js";

export function loadStateFile(file: string): EmulatorState | undefined {
  if (!existsSync(file)) return undefined;
  const state = JSON.parse(readFileSync(file, "utf8")) as EmulatorState;
  if (state.format !== 1)
    throw new Error(`${file}: not an emulator state file (format ${String(state.format)})`);
  return state;
}

export class StateWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly snapshot: () => EmulatorState,
    private readonly debounceMs = 50,
    private readonly warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    // Created up front so `--state new/dir/state.json` works and a bad path fails at start, not later.
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (err) {
      throw new Error(`cannot create the state file's directory: ${(err as Error).message}`);
    }
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.debounceMs);
  }

  /** Writes now if a write is pending, and waits for any write in flight. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.write();
    }
    await this.writing;
  }

  /** Never rejects: a rejected chain would skip every later write. */
  private write(): Promise<void> {
    const text = `${JSON.stringify(this.snapshot(), null, 1)}\n`;
    const tmp = `${this.file}.${process.pid}.tmp`;
    this.writing = this.writing.then(async () => {
      try {
        await writeFile(tmp, text);
        await rename(tmp, this.file);
      } catch (err) {
        await rm(tmp, { force: true }).catch(() => undefined);
        this.warn(`emulator: could not write state to ${this.file}: ${(err as Error).message}`);
      }
    });
    return this.writing;
  }
}
