// Time source for pacing and backoff. Real time by default; tests and benches scale the quota
// window instead of faking the clock, so the emulator and the client agree on what a second is.

export interface Clock {
  now(): number;
  /** Resolves after ms, or rejects with the signal's reason when aborted (Ctrl-C). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export class AbortedError extends Error {
  constructor() {
    super("interrupted: stopped between API calls; re-run to continue (the live workspace is the state)");
    this.name = "AbortedError";
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error && signal.reason.name === "AbortedError"
    ? signal.reason
    : new AbortedError();
}
