import { readFileSync } from "node:fs";
const g = await import("./dist/project/schema-validators.generated.js");
const { parseSpecFile } = await import("./dist/project/yaml-file.js");
const goals = parseSpecFile("goals/ecommerce.yaml", readFileSync("examples/merch-store/goals/ecommerce.yaml", "utf8")).data;
const a = performance.now(); g.goalFile(goals); console.log("goalFile first", (performance.now() - a).toFixed(2));
