import { describe, expect, it } from "vitest";
import { emptyLive } from "../../src/gtm/read-live.js";
import { quotaSeconds } from "../../src/plan/estimate.js";
import { fieldDiff } from "../../src/plan/field-diff.js";
import { folderNotes, readLedger } from "../../src/plan/key-event-ledger.js";
import { makePlan } from "../../src/plan/make-plan.js";
import { renderPlan } from "../../src/plan/render.js";
import { exampleDesired } from "./harness.js";

describe("plan (pure)", () => {
  it("diffs GTM parameters by key, not by position", () => {
    const before = {
      parameter: [
        { type: "template", key: "eventName", value: "a" },
        { type: "template", key: "x", value: "1" },
      ],
    };
    const after = {
      parameter: [
        { type: "template", key: "x", value: "1" },
        { type: "template", key: "eventName", value: "b" },
      ],
    };
    expect(fieldDiff(before, after)).toEqual([
      { path: "parameter[eventName].value", before: "a", after: "b" },
    ]);
    expect(fieldDiff({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it("estimates the quota-bound duration: first 25 calls free, then 4 s per call", () => {
    expect(quotaSeconds(25)).toBe(0);
    expect(quotaSeconds(26)).toBe(4);
    expect(quotaSeconds(100, { limit: 50, windowS: 100 })).toBe(100);
  });

  it("round-trips the key-event ledger through the folder notes", () => {
    const notes = folderNotes(["purchase", "demo_request", "purchase"]);
    expect(readLedger(notes)).toEqual(["demo_request", "purchase"]);
    expect(readLedger(folderNotes([]))).toEqual([]);
  });

  it("renders a fresh plan deterministically, with a summary and the call estimate", () => {
    const desired = exampleDesired();
    const live = { keyEvents: [], customDimensions: [] };
    const a = renderPlan(makePlan(desired, emptyLive(), live));
    const b = renderPlan(makePlan(exampleDesired(), emptyLive(), live));
    expect(a).toBe(b);
    expect(a).toMatch(/^ {2}\+ create tag "microgoals · macro · purchase" \(goal purchase\)$/m);
    expect(a).toMatch(
      /^Plan: \d+ to create, 0 to update, 0 to delete, 0 drifted \(left alone\), 0 unchanged\.$/m,
    );
    expect(a).toMatch(/API calls: \d+ GTM writes/);
  });
});
