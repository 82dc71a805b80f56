// Fingerprints and timestamps derive from the state's logical clock, so runs are reproducible.
const EPOCH_MS = Date.UTC(2024, 0, 1);

export function fingerprintAt(clock: number): string {
  return String(EPOCH_MS + clock);
}

export function timestampAt(clock: number): string {
  return new Date(EPOCH_MS + clock * 1000).toISOString();
}
