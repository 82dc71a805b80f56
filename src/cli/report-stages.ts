// A report's stages (report/report-stage.ts) on one line of a terminal's stderr, with the time
// since the report started, rewritten in place and cleared before the report is written. Not on a
// pipe or a file: logs and scheduled runs get the report and its one line, nothing in between. Nor
// while stdout goes into a pipe: `report | less` hands the terminal to the pager.
// Another line written to the stream meanwhile (BigQuery's dry-run figures) clears the stage's line
// first, and the stage is drawn again below it. A stage's progress (its share done) shows as a
// percentage and redraws the line: while the bootstrap keeps this thread busy the timer cannot.
import { channel } from "node:diagnostics_channel";
import { fstatSync } from "node:fs";
import { REPORT_PROGRESS_CHANNEL, REPORT_STAGE_CHANNEL } from "../report/report-stage.js";
import { printable } from "../terminal-text.js";

/** Redraws the elapsed seconds this often (ms). */
const REDRAW_MS = 1000;

export interface StageStream {
  isTTY?: boolean;
  columns?: number;
  // biome-ignore lint/suspicious/noExplicitAny: a stream's write takes (chunk, encoding?, callback?)
  write(...args: any[]): unknown;
}

/**
 * Whether this process's stdout goes to another program (a shell's pipe, or a socket pair as Node's
 * child_process makes), not to a terminal or a file.
 */
export function stdoutIsPipe(): boolean {
  try {
    const s = fstatSync(1);
    return s.isFIFO() || s.isSocket();
  } catch {
    return false;
  }
}

/** Shows stages on `stream` from now on; the function returned stops and clears the line. */
export function showReportStages(stream: StageStream = process.stderr, now = Date.now): () => void {
  if (stream.isTTY !== true) return () => {};
  const started = now();
  let stage: string | undefined;
  // the stage's share done, in whole percent (undefined: none said)
  let percent: number | undefined;
  const write = stream.write;
  const draw = () => {
    if (stage === undefined) return;
    const done = percent === undefined ? "" : ` ${percent}%`;
    const line = `microgoals: ${stage}…${done} ${Math.floor((now() - started) / 1000)} s`;
    // One line, never wrapped: a wrapped line would not be rewritten in place (a pty may say 0 columns).
    const width = Math.max(10, (stream.columns || 80) - 1);
    write.call(stream, `\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}\u2026` : line}`);
  };
  // biome-ignore lint/suspicious/noExplicitAny: passed through as the stream's write takes them
  stream.write = (...args: any[]) => {
    if (stage !== undefined) write.call(stream, "\r\x1b[K");
    const done = write.apply(stream, args);
    draw();
    return done;
  };
  const onStage = (message: unknown) => {
    stage = printable(String(message));
    percent = undefined;
    draw();
  };
  const onProgress = (message: unknown) => {
    // a hair above, so 29 / 50 shows 58, not 57.99…
    const p = Math.floor(Math.min(1, Math.max(0, Number(message))) * 100 + 1e-9);
    if (Number.isNaN(p) || p === percent) return;
    percent = p;
    draw();
  };
  const ch = channel(REPORT_STAGE_CHANNEL);
  ch.subscribe(onStage);
  const progress = channel(REPORT_PROGRESS_CHANNEL);
  progress.subscribe(onProgress);
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();
  return () => {
    ch.unsubscribe(onStage);
    progress.unsubscribe(onProgress);
    clearInterval(timer);
    stream.write = write;
    if (stage !== undefined) write.call(stream, "\r\x1b[K");
    stage = undefined;
  };
}

/** The stages on this process's stderr, unless stdout goes into a pipe; the function returned stops them. */
export function showStagesOnTerminal(): () => void {
  return stdoutIsPipe() ? () => {} : showReportStages();
}
