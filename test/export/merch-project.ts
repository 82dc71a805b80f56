import { join } from "node:path";
// A Project for the Google Merchandise Store built in code (independent of the YAML loader), used
// by the export tests and the bench.
import type { Goal, Project } from "../../src/project/model.js";

const source = { file: "goals/store.yaml", pointer: "" };

export function goal(id: string, kind: "macro" | "micro", extra: Partial<Goal> = {}): Goal {
  return {
    id,
    title: id,
    kind,
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

export const merchMicros = [
  "view_item",
  "add_to_cart",
  "begin_checkout",
  "add_shipping_info",
  "add_payment_info",
  "view_promotion",
  "select_item",
  "view_search_results",
];

export function merchProject(
  goals: Goal[] = [goal("purchase", "macro"), ...merchMicros.map((m) => goal(m, "micro"))],
): Project {
  return {
    dir: "/tmp/merch",
    name: "Google Merchandise Store",
    version: 1,
    defaultTarget: "demo",
    targets: [],
    installGoogleTag: false,
    limits: { keyEvents: 30, customDimensions: 50 },
    report: {
      since: "2020-11-01",
      until: "2020-11-08",
      windowSeconds: 7 * 86400,
      minUsers: 50,
      alerts: [],
      currency: "USD",
    },
    goals,
    funnels: [
      {
        id: "checkout",
        title: "Checkout",
        steps: ["view_item", "add_to_cart", "begin_checkout", "purchase"],
        windowSeconds: 86400,
        open: false,
        source,
      },
      {
        id: "checkout_open",
        title: "Checkout (open)",
        steps: ["view_item", "add_to_cart", "begin_checkout", "purchase"],
        windowSeconds: 86400,
        open: true,
        source,
      },
    ],
    files: [],
  };
}

export const exportDir = join(import.meta.dirname, "../../../shared/reference/ga4-export");
