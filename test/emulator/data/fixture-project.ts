// A small project for traffic tests: three micro goals (one a funnel step after another), two macros.

import type { Goal, Project } from "../../../src/spec/model.js";

const source = { file: "goals/test.yaml", pointer: "" };

function goal(id: string, kind: "micro" | "macro", leadsTo: string[] = [], path?: string): Goal {
  return {
    id,
    title: id,
    kind,
    leadsTo,
    event: id,
    reservedEventOk: false,
    trigger: {
      kind: "page_view",
      conditions: path
        ? [
            {
              subject: { builtin: "page_path" },
              op: "equals",
              value: path,
              negate: false,
              ignoreCase: false,
              source,
            },
          ]
        : [],
    },
    params: [],
    ...(kind === "macro"
      ? { keyEvent: { counting: "once_per_event" as const, value: 100, currency: "EUR" } }
      : {}),
    pii: false,
    source,
  };
}

export const PROPERTY = "400000001";

export function fixtureProject(): Project {
  return {
    dir: "/tmp/fixture",
    name: "fixture",
    version: 1,
    defaultTarget: "staging",
    targets: [
      {
        name: "staging",
        gtm: { accountId: "1", containerId: "2", workspaceName: "microgoals" },
        ga4: { propertyId: PROPERTY, measurementId: "G-TEST" },
        source,
      },
    ],
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
    goals: [
      goal("view_pricing", "micro", ["purchase", "demo_request"], "/pricing"),
      goal("add_to_cart", "micro", ["purchase"]),
      goal("begin_checkout", "micro", ["purchase"]),
      goal("read_blog", "micro", ["demo_request"]),
      goal("purchase", "macro"),
      goal("demo_request", "macro"),
    ],
    funnels: [
      {
        id: "checkout",
        title: "Checkout",
        steps: ["add_to_cart", "begin_checkout", "purchase"],
        windowSeconds: 604800,
        open: false,
        source,
      },
    ],
    files: ["goals/test.yaml"],
  };
}
