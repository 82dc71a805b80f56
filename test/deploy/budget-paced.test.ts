// Quota waits are wall time: reads sent at once wait side by side and count once.
import { describe, expect, it } from "vitest";
import { Budget } from "../../src/google/budget.js";

describe("budget: time paced", () => {
  it("counts overlapping waits once and separate waits each", () => {
    let now = 0;
    const budget = new Budget(() => now);
    now = 1000;
    budget.paced(1000); // [0, 1000]
    budget.paced(600); //  [400, 1000]: inside the first
    now = 1200;
    budget.paced(500); //  [700, 1200]: 200 ms more
    now = 5000;
    budget.paced(100); //  [4900, 5000]
    budget.paced(0);
    expect(budget.snapshot().pacedMs).toBe(1300);
  });
});
