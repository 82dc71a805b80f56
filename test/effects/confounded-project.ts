// A small project for the confounded-traffic tests: one macro goal and four secondary micro goals,
// one per truth profile (src/emulator/traffic/confounded-model.ts PROFILES).
import type { Goal, Project } from "../../src/project/model.js";

const source = { file: "goals/site.yaml", pointer: "" };

function goal(id: string, kind: "macro" | "micro", extra: Partial<Goal> = {}): Goal {
  return {
    id,
    title: id,
    kind,
    ...(kind === "micro" ? { role: "secondary" as const } : {}),
    leadsTo: kind === "micro" ? ["purchase"] : [],
    event: id,
    reservedEventOk: false,
    trigger: { kind: "data_layer", event: id, conditions: [] },
    params: [],
    pii: false,
    source,
    ...extra,
  };
}

/** strong_driver ×2 confounded, no_effect ×1 strongly confounded, fair_driver ×1.6 and fair_noop unconfounded */
export const profileGoals = ["strong_driver", "no_effect", "fair_driver", "fair_noop"];

export function confoundedProject(): Project {
  return {
    dir: "/tmp/confounded",
    name: "Confounded shop",
    version: 1,
    defaultTarget: "demo",
    targets: [],
    installGoogleTag: false,
    limits: { keyEvents: 30, customDimensions: 50 },
    report: {
      since: "2026-01-01",
      until: "2026-02-25",
      windowSeconds: 7 * 86400,
      minUsers: 30,
      alerts: [],
      currency: "EUR",
    },
    goals: [goal("purchase", "macro", { value: 50 }), ...profileGoals.map((id) => goal(id, "micro"))],
    funnels: [],
    files: [],
  };
}
