// --state: load at start, persist on change (debounced) with an atomic temp-file + rename write.
import { existsSync, readFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
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
  ) {}

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

  private write(): Promise<void> {
    const text = `${JSON.stringify(this.snapshot(), null, 1)}\n`;
    const tmp = `${this.file}.${process.pid}.tmp`;
    this.writing = this.writing.then(async () => {
      await writeFile(tmp, text);
      await rename(tmp, this.file);
    });
    return this.writing;
  }
}
