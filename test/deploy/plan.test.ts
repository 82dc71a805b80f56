import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyLive } from "../../src/gtm/read-live.js";
import { quotaSeconds } from "../../src/plan/estimate.js";
import { fieldDiff } from "../../src/plan/field-diff.js";
import { folderNotes, readLedger } from "../../src/plan/key-event-ledger.js";
import { makePlan } from "../../src/plan/make-plan.js";
import { renderPlan } from "../../src/plan/render.js";
import { loadPlan } from "../../src/plan/saved-plan.js";
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

  it("estimates the quota-bound duration as the pacer paces: 25 calls, then a whole window", () => {
    expect(quotaSeconds(25)).toBe(0);
    expect(quotaSeconds(26)).toBe(100.5); // the 26th waits for the first slot to leave (+0.5 s margin)
    // The reported apply: 48 writes + 8 reads took 201 s; "4 s per call past 25" said 124 s.
    expect(quotaSeconds(56)).toBe(201);
    expect(quotaSeconds(100, { limit: 50, windowS: 100 })).toBe(100.5);
    expect(quotaSeconds(56, { limit: 25, windowS: 0.1 })).toBeCloseTo(0.201); // emulator ×1000
  });

  it("the plan's estimate counts apply's reads and prints the time with --publish", () => {
    const plan = makePlan(exampleDesired(), emptyLive(), { keyEvents: [], customDimensions: [] });
    const e = plan.estimate;
    expect(e.gtmReads).toBe(7); // workspaces.list, latest, then 5 lists of the new workspace
    expect(e.workspaceWrites).toBe(1);
    expect(e.seconds).toBe(quotaSeconds(e.gtmReads + e.gtmWrites));
    expect(e.publishSeconds).toBe(quotaSeconds(e.gtmReads + e.gtmWrites + 2));
    expect(renderPlan(plan)).toContain(`+ ${e.gtmReads} GTM reads`);
    expect(renderPlan(plan)).toMatch(/with --publish/);
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

  it("the summary's counts equal its + and ~ lines (folder and built-in variables included)", () => {
    const a = renderPlan(makePlan(exampleDesired(), emptyLive(), { keyEvents: [], customDimensions: [] }));
    const plus = a.split("\n").filter((l) => l.startsWith("  + ")).length;
    const tilde = a.split("\n").filter((l) => l.startsWith("  ~ ")).length;
    expect(a).toContain("create folder");
    expect(a).toContain(`Plan: ${plus} to create, ${tilde} to update,`);
  });
});

describe("saved plans from before the estimate counted reads", () => {
  it("get the reads and publish time filled in on load", async () => {
    const plan = makePlan(exampleDesired(), emptyLive(), { keyEvents: [], customDimensions: [] });
    const { gtmWrites, ga4Writes, seconds } = plan.estimate;
    const path = join(mkdtempSync(join(tmpdir(), "mg-old-plan-")), "plan.json");
    writeFileSync(path, JSON.stringify({ ...plan, estimate: { gtmWrites, ga4Writes, seconds } }));
    expect((await loadPlan(path)).estimate).toEqual(plan.estimate);
  });
});
