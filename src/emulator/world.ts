// The live emulator: current state plus the knobs every route needs. Routes hold the World and read
// world.state on each call, so reset and state-file loading can swap the state underneath them.
import { type EmulatorState, initialState, nextFingerprint, type SeedOptions } from "./state.js";

export interface WorldOptions extends SeedOptions {
  /** GTM list page size (Google's is larger; small so client paging bugs show). */
  pageSize: number;
  /** Workspaces per container (GTM free accounts: 3). */
  workspaceLimit: number;
  keyEventLimit: number;
  customDimensionLimit: number;
  /**
   * GTM accounts and containers a request names are created on first use, as if the caller had been
   * given access (GA4 properties always are). Off: unknown ids answer 404 like Google.
   */
  createOnFirstUse: boolean;
}

export class World {
  state: EmulatorState;
  /** Called after every state change (persistence hooks in here). */
  onChange: () => void = () => {};

  constructor(
    readonly options: WorldOptions,
    state?: EmulatorState,
  ) {
    this.state = state ?? initialState(options);
  }

  reset(): void {
    this.state = initialState(this.options);
    this.changed();
  }

  fingerprint(): string {
    return nextFingerprint(this.state);
  }

  changed(): void {
    this.onChange();
  }
}
