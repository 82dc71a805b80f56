// A small project for traffic tests: three micro goals (one a funnel step after another), two macros.

import type { Goal, Project } from "../../../src/project/model.js";
import { baseGoal, baseProject, baseTarget, testSource } from "../../support/project.js";

function goal(id: string, kind: "micro" | "macro", leadsTo: string[] = [], path?: string): Goal {
  return baseGoal(
    id,
    {
      kind: "page_view",
      conditions: path
        ? [
            {
              subject: { builtin: "page_path" },
              op: "equals",
              value: path,
              negate: false,
              ignoreCase: false,
              source: testSource,
            },
          ]
        : [],
    },
    {
      kind,
      leadsTo,
      ...(kind === "macro"
        ? { keyEvent: { counting: "once_per_event" as const, value: 100, currency: "EUR" } }
        : {}),
    },
  );
}

export const PROPERTY = "400000001";

export function fixtureProject(): Project {
  return baseProject(
    [
      goal("view_pricing", "micro", ["purchase", "demo_request"], "/pricing"),
      goal("add_to_cart", "micro", ["purchase"]),
      goal("begin_checkout", "micro", ["purchase"]),
      goal("read_blog", "micro", ["demo_request"]),
      goal("purchase", "macro"),
      goal("demo_request", "macro"),
    ],
    {
      dir: "/tmp/fixture",
      name: "fixture",
      targets: [baseTarget({ propertyId: PROPERTY })],
      funnels: [
        {
          id: "checkout",
          title: "Checkout",
          steps: ["add_to_cart", "begin_checkout", "purchase"],
          windowSeconds: 604800,
          open: false,
          source: testSource,
        },
      ],
    },
  );
}
