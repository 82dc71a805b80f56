// A small hand-built Project (macro purchase, micros view_product/add_to_cart/broken_widget) and a
// ReportInput for it, so report tests need neither the spec loader nor the emulator.

import type { Goal, Project } from "../../src/project/model.js";
import type { ReportInput } from "../../src/report/model.js";
import { emptyCaveats } from "../../src/report/model.js";
import { baseGoal, baseProject, baseTarget } from "../support/project.js";

function goal(id: string, kind: "macro" | "micro", leadsTo: string[] = [], value?: number): Goal {
  return baseGoal(
    id,
    { kind: "data_layer", event: id, conditions: [] },
    {
      title: id.replace(/_/g, " "),
      kind,
      role: kind === "micro" ? "secondary" : undefined,
      leadsTo,
      keyEvent: kind === "macro" ? { counting: "once_per_event", value } : undefined,
      value,
      source: { file: "goals/test.yaml", pointer: `/goals/${id}` },
    },
  );
}

export function testProject(goals?: Goal[]): Project {
  return baseProject(
    goals ?? [
      goal("purchase", "macro", [], 80),
      goal("view_product", "micro", ["purchase"]),
      goal("add_to_cart", "micro", ["purchase"]),
      goal("size_guide", "micro", ["purchase"]),
      goal("broken_widget", "micro", ["purchase"]),
    ],
    {
      dir: "/tmp/project",
      name: "Test Store",
      targets: [baseTarget({}, { file: "microgoals.yaml", pointer: "/targets/staging" })],
      funnels: [
        {
          id: "shop",
          title: "Shop funnel",
          steps: ["view_product", "add_to_cart", "purchase"],
          windowSeconds: 604800,
          open: false,
          source: { file: "goals/test.yaml", pointer: "/funnels/0" },
        },
      ],
      files: ["microgoals.yaml", "goals/test.yaml"],
    },
  );
}

export { goal as testGoal };

export function testInput(): ReportInput {
  return {
    source: "test",
    propertyId: "400000001",
    dateRange: { since: "28daysAgo", until: "yesterday" },
    totalUsers: 10000,
    goals: [
      { goalId: "purchase", event: "purchase", users: 400, events: 450 },
      { goalId: "view_product", event: "view_product", users: 5000, events: 9000 },
      { goalId: "add_to_cart", event: "add_to_cart", users: 1000, events: 1500 },
      { goalId: "size_guide", event: "size_guide", users: 30, events: 31 },
    ],
    pairs: [
      pair("view_product", 5000, 350, 50),
      pair("add_to_cart", 1000, 300, 100),
      pair("size_guide", 30, 3, 397),
      pair("broken_widget", 0, 0, 400),
    ],
    funnels: [
      {
        funnelId: "shop",
        open: false,
        steps: [
          { goalId: "view_product", users: 5000 },
          { goalId: "add_to_cart", users: 900 },
          { goalId: "purchase", users: 280 },
        ],
      },
    ],
    caveats: emptyCaveats(),
    cost: { requests: 3, tokens: 27 },
  };
}

function pair(microId: string, microUsers: number, after: number, without: number) {
  return {
    microId,
    macroId: "purchase",
    windowSeconds: 604800,
    microUsers,
    convertedAfterMicro: after,
    nonMicroUsers: 10000 - microUsers,
    convertedWithoutMicro: without,
  };
}
