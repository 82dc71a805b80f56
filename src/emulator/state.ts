// The emulator's whole mutable state: plain JSON, so --state can persist and reload it verbatim.
import type { Ga4Property, Ga4State } from "./admin/types.js";
import type { GtmContainer, GtmState } from "./gtm/types.js";
import { initialEntities } from "./gtm/workspace-diff.js";
import { fingerprintAt, timestampAt } from "./logical-clock.js";

export interface EmulatorState {
  format: 1;
  /** Logical clock: fingerprints and timestamps derive from it, so runs are reproducible. */
  clock: number;
  gtm: GtmState;
  ga4: Ga4State;
}

export interface SeedOptions {
  /** Key events a new property starts with (GA4 marks `purchase` by default). */
  defaultKeyEvents: string[];
}

export { fingerprintAt, timestampAt } from "./logical-clock.js";

/** Advances the clock and returns a fresh fingerprint. */
export function nextFingerprint(state: EmulatorState): string {
  state.clock++;
  return fingerprintAt(state.clock);
}

export function initialState(seed: SeedOptions): EmulatorState {
  const state: EmulatorState = {
    format: 1,
    clock: 0,
    gtm: { accounts: [], nextContainerId: 9000003, pendingCompilerErrors: 0 },
    ga4: { properties: [] },
  };
  const account = { accountId: "6000001", name: "Example Outdoor Store", fingerprint: "", containers: [] };
  account.fingerprint = nextFingerprint(state);
  state.gtm.accounts.push(account);
  addContainer(state, "6000001", "Example Store (staging)", "9000001");
  addContainer(state, "6000001", "Example Store (production)", "9000002");
  addProperty(state, seed, "400000001", "Example Store (staging)");
  addProperty(state, seed, "400000002", "Example Store (production)");
  return state;
}

/** Adds a container (and its account when new) with GTM's initial "Default Workspace". */
export function addContainer(
  state: EmulatorState,
  accountId: string,
  name: string,
  containerId?: string,
): GtmContainer {
  let account = state.gtm.accounts.find((a) => a.accountId === accountId);
  if (!account) {
    account = {
      accountId,
      name: `Account ${accountId}`,
      fingerprint: nextFingerprint(state),
      containers: [],
    };
    state.gtm.accounts.push(account);
  }
  const id = containerId ?? String(state.gtm.nextContainerId++);
  const container: GtmContainer = {
    containerId: id,
    name,
    publicId: `GTM-${Number(id).toString(36).toUpperCase().padStart(7, "0")}`,
    usageContext: ["web"],
    fingerprint: nextFingerprint(state),
    nextEntityId: 1,
    nextWorkspaceId: 1,
    nextVersionId: 1,
    workspaces: [],
    versions: [],
    liveVersionId: null,
  };
  container.workspaces.push(newWorkspace(state, container, "Default Workspace"));
  account.containers.push(container);
  return container;
}

export function newWorkspace(
  state: EmulatorState,
  container: GtmContainer,
  name: string,
  description?: string,
): GtmContainer["workspaces"][number] {
  const latest = container.versions.filter((v) => !v.deleted).at(-1);
  const entities = latest ? structuredClone(latest.entities) : initialEntities();
  return {
    workspaceId: String(container.nextWorkspaceId++),
    name,
    ...(description ? { description } : {}),
    fingerprint: nextFingerprint(state),
    baseVersionId: latest?.containerVersionId ?? null,
    entities,
    conflicts: [],
  };
}

export function addProperty(
  state: EmulatorState,
  seed: SeedOptions,
  propertyId: string,
  displayName = `Property ${propertyId}`,
): Ga4Property {
  state.clock++;
  const createTime = timestampAt(state.clock);
  const property: Ga4Property = {
    propertyId,
    displayName,
    accountId: "300000001",
    createTime,
    nextId: 1,
    keyEvents: [],
    customDimensions: [],
  };
  for (const eventName of seed.defaultKeyEvents) {
    property.keyEvents.push({
      id: String(property.nextId++),
      eventName,
      countingMethod: "ONCE_PER_EVENT",
      custom: false,
      deletable: true,
      createTime,
    });
  }
  state.ga4.properties.push(property);
  return property;
}
