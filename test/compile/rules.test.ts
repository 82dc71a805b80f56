// "Anything that validates must compile": compiler limits are validation rules with a location.

import { describe, expect, it } from "vitest";
import { loadProjectFromStrings } from "../../src/project/load.js";
import { projectRules } from "../../src/report/rules/index.js";

const projectYaml = `version: 1
name: t
default_target: s
targets:
  s:
    gtm: { account: "1", container: "2", workspace: w }
    ga4: { property: "3", measurement_id: G-ABCDEF1234 }
`;

describe("compile-template-braces", () => {
  it("reports a literal {{ in a condition at its line", () => {
    const goals = `goals:
  - id: buy
    title: Buy
    kind: macro
    trigger:
      page_view:
        path: "/x/{{Page Path}}"
`;
    const r = loadProjectFromStrings({ "microgoals.yaml": projectYaml, "goals/a.yaml": goals }, "/", {
      rules: projectRules,
    });
    const d = r.diagnostics.filter((x) => x.rule === "compile-template-braces");
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe("error");
    expect(d[0]!.position).toMatchObject({ file: "goals/a.yaml", line: 7 });
  });

  it("accepts values without braces", () => {
    const goals = `goals:
  - id: buy
    title: Buy
    kind: macro
    trigger:
      page_view:
        path: /x
`;
    const r = loadProjectFromStrings({ "microgoals.yaml": projectYaml, "goals/a.yaml": goals }, "/", {
      rules: projectRules,
    });
    expect(r.diagnostics.filter((x) => x.rule === "compile-template-braces")).toEqual([]);
  });
});
