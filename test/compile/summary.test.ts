import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/compile/canonical-json.js";
import { compile, compiledState } from "../../src/compile/compile.js";
import { summarize } from "../../src/compile/summary.js";
import { goal, param, project } from "./factory.js";

describe("compile summary", () => {
  it("lists every goal with its own tag, trigger and variables, shared variables on each goal", () => {
    const shared = param("value", { dataLayer: "ecommerce.value" }, { type: "number" });
    const text = summarize(
      compile(
        project([
          goal("b_goal", { kind: "data_layer", event: "b", conditions: [] }, { params: [shared] }),
          goal(
            "a_goal",
            { kind: "data_layer", event: "a", conditions: [] },
            { params: [shared, param("currency", { dataLayer: "ecommerce.currency" })] },
          ),
          goal("c_goal", { kind: "data_layer", event: "c", conditions: [] }),
        ]),
      ),
    );
    const rows = text
      .split("\n")
      .filter((l) => /^[abc]_goal /.test(l))
      .map((l) => l.split(/ {2,}/));
    expect(rows.map((r) => r[0])).toEqual(["a_goal", "b_goal", "c_goal"]);
    expect(rows[0]!.slice(1)).toEqual([
      "microgoals · micro · a_goal",
      "microgoals · trigger · data_layer · a_goal",
      "DLV · ecommerce.currency, DLV · ecommerce.value",
    ]);
    expect(rows[1]![3]).toBe("DLV · ecommerce.value");
    expect(rows[2]![3]).toBe("-");
  });

  it("reads the state as built (compiledState) as it reads the sorted one, and prints the same JSON", () => {
    const shared = param("value", { dataLayer: "ecommerce.value" }, { type: "number" });
    const p = project([
      goal("b_goal", { kind: "data_layer", event: "b", conditions: [] }, { params: [shared] }),
      goal("a_goal", { kind: "data_layer", event: "a", conditions: [] }, { params: [shared] }),
    ]);
    const built = compiledState(p);
    const sorted = compile(p);
    expect(summarize(built)).toBe(summarize(sorted));
    expect(canonicalJson(built, 2)).toBe(canonicalJson(sorted, 2));
    expect(built).toEqual(sorted);
    // the sorted copy is the one whose keys are in order
    expect(Object.keys(sorted.gtm)).toEqual([...Object.keys(sorted.gtm)].sort());
  });
});
