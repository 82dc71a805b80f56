// Progress for long runs: a bar with ETA on a TTY, plain numbered lines otherwise (CI logs).
export interface ProgressReporter {
  update(step: string, done: number, total: number): void;
  stop(): void;
}

export async function progressReporter(log: (line: string) => void = console.log): Promise<ProgressReporter> {
  if (!process.stdout.isTTY) {
    return { update: (step, done, total) => log(`[${done}/${total}] ${step}`), stop: () => {} };
  }
  const { SingleBar, Presets } = await import("cli-progress");
  const bar = new SingleBar(
    {
      format: "{bar} {value}/{total} calls | ETA {eta_formatted} | {step}",
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  return {
    update: (step, done, total) => {
      if (!started) bar.start(total, 0, { step: "" });
      started = true;
      bar.setTotal(total);
      bar.update(done, { step });
    },
    stop: () => {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
