import { projectFile } from "../normalize-project.js";
import { closest } from "../suggest.js";
import type { Rule } from "./rule.js";

export const defaultTarget: Rule = {
  id: "default-target",
  severity: "error",
  summary: "default_target names one of the targets (required when there is more than one).",
  check: (project) => {
    const names = project.targets.map((t) => t.name);
    if (project.defaultTarget === "") {
      return [
        {
          message: `default_target is required when there are several targets (${names.join(", ")}).`,
          at: { file: projectFile, pointer: "/targets" },
          atKey: true,
        },
      ];
    }
    if (names.includes(project.defaultTarget)) return [];
    const guess = closest(project.defaultTarget, names);
    return [
      {
        message:
          `default_target "${project.defaultTarget}" is not a target.` +
          (guess ? ` Did you mean "${guess}"?` : ""),
        at: { file: projectFile, pointer: "/default_target" },
        hint: `Targets: ${names.join(", ")}.`,
      },
    ];
  },
};
