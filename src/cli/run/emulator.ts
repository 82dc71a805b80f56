// The `microgoals emulator` action: parse flags, start, print the URL, stop cleanly on a signal.

import type { FaultConfig } from "../../emulator/faults/fault-config.js";
import { type Emulator, startEmulator } from "../../emulator/server.js";
import { UsageError, UserError } from "../../errors.js";

export interface EmulatorCommandOptions {
  port: string;
  seed?: string;
  state?: string;
  timeScale?: string;
  faults?: string;
  thresholdUsers?: string;
  exactCounts?: boolean;
  load?: string;
  loadProperty: string;
  strictIds?: boolean;
  stream: string[];
}

/** --stream G-XXXX=PROPERTY: which property a measurement id's Measurement Protocol hits belong to. */
function streams(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of raw) {
    const m = /^(G-[A-Z0-9]+)=(\d+)$/.exec(s.trim());
    if (!m)
      throw new UsageError(
        `--stream must be MEASUREMENT_ID=PROPERTY, got "${s}"`,
        "e.g. --stream G-STAGING01=300000001 (the target's ga4 measurement_id and property)",
      );
    out[m[1]!] = m[2]!;
  }
  return out;
}

function number(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`${flag} must be a number ≥ ${min}, got "${raw}"`);
  return n;
}

function faults(raw: string | undefined): FaultConfig | undefined {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as FaultConfig;
  } catch {
    throw new UsageError("--faults must be JSON", `e.g. --faults '{"rates":{"http503":0.05}}'`);
  }
}

export async function runEmulator(options: EmulatorCommandOptions): Promise<void> {
  const emulator = await startEmulator({
    port: number("--port", options.port, 0),
    seed: number("--seed", options.seed, 0),
    stateFile: options.state,
    timeScale: number("--time-scale", options.timeScale, Number.MIN_VALUE),
    faults: faults(options.faults),
    thresholdUsers: number("--threshold-users", options.thresholdUsers, 0),
    exactCounts: options.exactCounts === true,
    measurementIds: streams(options.stream),
    onUnknownStream: (id) =>
      console.error(
        `microgoals emulator: Measurement Protocol hits for ${id} belong to no property here; start the emulator with --stream ${id}=<property id> so reports see them`,
      ),
    // Your own project's containers work at once: as if your account had been given access.
    createOnFirstUse: !options.strictIds,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE")
      throw new UserError(`port ${options.port} is already in use`, 1, "pick another with --port");
    if (err instanceof SyntaxError || err.message.includes("state file")) {
      throw new UserError(`cannot load --state ${options.state}: ${err.message}`);
    }
    throw err;
  });
  if (options.load) {
    // Loaded before the URL is printed: whoever waits for that line finds the events in place.
    const loaded = await loadFiles(emulator, options.load, options.loadProperty).catch(async (err) => {
      await emulator.close();
      throw err;
    });
    console.log(loaded);
  }
  console.log(`microgoals emulator listening on ${emulator.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await emulator.close();
  console.log("microgoals emulator stopped");
}

async function loadFiles(emulator: Emulator, pattern: string, propertyId: string): Promise<string> {
  if (!/^\d+$/.test(propertyId))
    throw new UsageError(`--load-property must be a numeric GA4 property id, got "${propertyId}"`);
  const { loadExport } = await import("../../emulator/load-export.js");
  const r = await loadExport(emulator.events, pattern, { propertyId });
  const span = r.days.length > 0 ? `: ${r.days[0]?.date}–${r.days.at(-1)?.date}` : "";
  const days = `${r.days.length} day${r.days.length === 1 ? "" : "s"}${span}`;
  return `microgoals emulator: loaded ${r.events.toLocaleString("en-US")} events on ${days} from ${r.files.length} file${r.files.length === 1 ? "" : "s"} into property ${propertyId}`;
}
