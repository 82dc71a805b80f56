// Session scope by hand: a user whose sessions come from two sources counts in both segments, and a
// micro goal in one session does not convert a macro goal in a session of another segment. The
// same rows in first-visit scope put every event of the user in their first segment.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BreakdownInput } from "../../../src/report/breakdown/model.js";
import { filesReport } from "../../../src/report/sources/files/files-source.js";
import { goal, merchProject } from "../../export/merch-project.js";
import { writeExportLines } from "./planted-export.js";

const dir = mkdtempSync(join(tmpdir(), "breakdown-session-"));
let files: string;
const project = { ...merchProject([goal("purchase", "macro"), goal("add_to_cart", "micro")]), funnels: [] };
const T0 = Date.UTC(2024, 4, 1, 8) * 1000;

function row(u: string, minute: number, name: string, session: number, campaign?: [string, string]) {
  const params = [
    { key: "ga_session_id", value: { int_value: session } },
    { key: "ga_session_number", value: { int_value: session } },
    ...(campaign
      ? [
          { key: "source", value: { string_value: campaign[0] } },
          { key: "medium", value: { string_value: campaign[1] } },
        ]
      : []),
  ];
  return JSON.stringify({
    event_date: "20240501",
    event_timestamp: T0 + minute * 60_000_000,
    event_name: name,
    user_pseudo_id: u,
    event_params: params,
    traffic_source:
      u === "c"
        ? { source: "(direct)", medium: "(none)", name: "(direct)" }
        : { source: "google", medium: "cpc", name: "x" },
    device: { category: "mobile" },
    geo: { country: "Chile" },
  });
}

beforeAll(async () => {
  files = await writeExportLines(dir, [
    row("a", 0, "page_view", 1, ["google", "cpc"]),
    row("a", 1, "add_to_cart", 1),
    row("a", 60, "page_view", 2),
    row("a", 61, "purchase", 2),
    row("b", 0, "page_view", 1, ["google", "cpc"]),
    row("b", 1, "add_to_cart", 1),
    row("b", 2, "purchase", 1),
    row("c", 0, "page_view", 1),
  ]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function breakdown(
  scope: "session" | "first_visit",
  dims: ("source" | "new_vs_returning")[] = ["source"],
) {
  const r = await filesReport(project, { files, breakdown: { dimensions: dims, scope } });
  return r.breakdown as BreakdownInput;
}

const counts = (b: BreakdownInput, label: string) => {
  const s = b.segments.find((x) => x.values.join(" / ") === label)!;
  const p = s.pairs[0]!;
  return {
    users: s.totalUsers,
    micro: p.microUsers,
    converted: p.convertedAfterMicro,
    withoutMicro: p.convertedWithoutMicro,
  };
};

describe("--by-scope session", () => {
  it("counts a user in every segment they had a session in, and conversions within one segment only", async () => {
    const b = await breakdown("session");
    expect(b.segments.map((s) => s.values[0]).sort()).toEqual(["(direct)", "google"]);
    expect(counts(b, "google")).toEqual({ users: 2, micro: 2, converted: 1, withoutMicro: 0 });
    expect(counts(b, "(direct)")).toEqual({ users: 2, micro: 0, converted: 0, withoutMicro: 1 });
  });

  it("puts every event of a user in the first visit's segment by default", async () => {
    const b = await breakdown("first_visit");
    expect(counts(b, "google")).toEqual({ users: 2, micro: 2, converted: 2, withoutMicro: 0 });
    expect(counts(b, "(direct)")).toEqual({ users: 1, micro: 0, converted: 0, withoutMicro: 0 });
  });

  it("crosses two dimensions, session by session", async () => {
    const b = await breakdown("session", ["source", "new_vs_returning"]);
    expect(b.segments.map((s) => s.values.join(" / ")).sort()).toEqual([
      "(direct) / new",
      "(direct) / returning",
      "google / new",
    ]);
    expect(counts(b, "(direct) / returning")).toEqual({ users: 1, micro: 0, converted: 0, withoutMicro: 1 });
  });
});
