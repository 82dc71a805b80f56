import { loadProject } from "./dist/project/load.js";
import { projectRules } from "./dist/report/rules/index.js";
const dir = process.argv[2];
let t = performance.now();
const times = new Map();
const wrapped = projectRules.map((rule) => ({ ...rule, check: (p, ctx) => { const s = performance.now(); const out = rule.check(p, ctx); times.set(rule.id, (times.get(rule.id) ?? 0) + performance.now() - s); return out; } }));
const r = await loadProject(dir, { rules: wrapped });
console.log("load total", (performance.now() - t).toFixed(1), r.diagnostics.length);
console.log([...times].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(1)} ${k}`).join("\n"));
