// Progress for long runs: a bar on a TTY, plain numbered lines otherwise (CI logs). The ETA is the
// deploy's quota-bound estimate (src/google/quota-eta.ts), not cli-progress's extrapolation of the
// pace so far, which says "ETA 1s" while the free calls of a window run and minutes of waits remain.
import { formatEta } from "../plan/quota-eta.js";

export interface ProgressReporter {
  /** `etaMs`: time the rest needs, from now (real ms); counted down on the bar between updates. */
  update(step: string, done: number, total: number, etaMs?: number): void;
  stop(): void;
}

/** Plain output prints the ETA on the first line and then every this many calls. */
export const PLAIN_ETA_EVERY = 10;

export async function progressReporter(
  log: (line: string) => void = console.log,
  now: () => number = Date.now,
): Promise<ProgressReporter> {
  if (!process.stdout.isTTY) {
    return {
      update: (step, done, total, etaMs) => {
        const eta =
          etaMs !== undefined && (done === 1 || done % PLAIN_ETA_EVERY === 0) && done < total
            ? ` (ETA ${formatEta(etaMs)})`
            : "";
        log(`[${done}/${total}] ${step}${eta}`);
      },
      stop: () => {},
    };
  }
  // CommonJS: Node's named-export detection misses `Format`, so take the module object.
  const { SingleBar, Presets, Format } = (await import("cli-progress")).default;
  const format = "{bar} {value}/{total} calls | ETA {quota_eta} | {step}";
  const bar = new SingleBar(
    {
      // Rendered on cli-progress's timer too, so the ETA counts down during a quota wait.
      format: (options, params, payload) =>
        Format.Formatter({ ...options, format }, params, {
          ...payload,
          quota_eta: payload.etaAt === undefined ? "?" : formatEta(payload.etaAt - now()),
        }),
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  return {
    update: (step, done, total, etaMs) => {
      const etaAt = etaMs === undefined ? undefined : now() + etaMs;
      if (!started) bar.start(total, 0, { step: "", etaAt });
      started = true;
      bar.setTotal(total);
      bar.update(done, { step, etaAt });
    },
    stop: () => {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
