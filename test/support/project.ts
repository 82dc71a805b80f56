// The Project and Goal skeletons test factories share (compile, report, emulator data), so each
// factory only spells out what its tests are about. Plain model objects: no loader involved.
import type { Goal, Project, SourceRef, Target, TriggerSpec } from "../../src/project/model.js";

export const testSource: SourceRef = { file: "goals/test.yaml", pointer: "" };

/** A goal whose event is its id, with no params; `extra` overrides any field. */
export function baseGoal(id: string, trigger: TriggerSpec, extra: Partial<Goal> = {}): Goal {
  return {
    id,
    title: id,
    kind: "micro",
    leadsTo: [],
    event: id,
    reservedEventOk: false,
    trigger,
    params: [],
    pii: false,
    source: testSource,
    ...extra,
  };
}

/** The "staging" target; ids default to small fixed numbers. */
export function baseTarget(
  ids: { accountId?: string; containerId?: string; propertyId?: string; measurementId?: string } = {},
  source: SourceRef = testSource,
): Target {
  return {
    name: "staging",
    gtm: {
      accountId: ids.accountId ?? "1",
      containerId: ids.containerId ?? "2",
      workspaceName: "microgoals",
    },
    ga4: { propertyId: ids.propertyId ?? "400000001", measurementId: ids.measurementId ?? "G-TEST" },
    source,
  };
}

/** One target, default limits and report settings, no funnels; `extra` overrides any field. */
export function baseProject(goals: Goal[], extra: Partial<Project> = {}): Project {
  return {
    dir: "/tmp/p",
    name: "Test",
    version: 1,
    defaultTarget: "staging",
    targets: [baseTarget()],
    installGoogleTag: false,
    limits: { keyEvents: 30, customDimensions: 50 },
    report: {
      since: "28daysAgo",
      until: "yesterday",
      windowSeconds: 604800,
      minUsers: 50,
      alerts: [],
      currency: "EUR",
    },
    goals,
    funnels: [],
    files: ["goals/test.yaml"],
    ...extra,
  };
}
