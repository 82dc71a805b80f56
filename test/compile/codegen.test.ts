// The generated helpers must compile under tsc --strict, and misuse must not.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateTypeScript } from "../../src/compile/codegen/typescript.js";
import { loadProject } from "../../src/project/load.js";
import { cond, goal, param, project } from "./factory.js";

const root = join(import.meta.dirname, "../..");
const tsc = join(root, "node_modules/.bin/tsc");

function typecheck(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "mg-codegen-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // No DOM, no @types: the helpers must stand on their own.
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "ES2022",
    moduleResolution: "bundler",
    lib: ["ES2022"],
    types: [],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
  try {
    execFileSync(tsc, ["-p", dir], { encoding: "utf8", stdio: "pipe" });
    return { ok: true, output: "" };
  } catch (err) {
    return { ok: false, output: String((err as { stdout?: string }).stdout ?? err) };
  }
}

describe("codegen --lang ts", async () => {
  const example = (await loadProject(root)).project!;

  it("types nested paths, arrays, numbers and condition subjects", () => {
    const text = generateTypeScript(
      project([
        goal(
          "buy",
          {
            kind: "data_layer",
            event: "purchase",
            conditions: [cond({ dataLayer: "order.total" }, "gt", 0)],
          },
          {
            params: [
              param("value", { dataLayer: "ecommerce.value" }, { type: "number" }),
              param("sku", { dataLayer: "ecommerce.items.0.id" }),
              param("p", { builtin: "page_path" }),
            ],
          },
        ),
        goal("ping", { kind: "data_layer", event: "ping", conditions: [] }),
        goal("view", { kind: "page_view", conditions: [] }),
      ]),
    );
    expect(text).toContain("export function pushBuy(data: BuyData): void");
    expect(text).toContain("value: number;");
    expect(text).toContain("items: Array<{\n      id: string;\n    }>;");
    expect(text).toContain("total: number;");
    expect(text).toContain("export function pushPing(): void");
    expect(text).not.toContain("pushView");
    expect(text).toContain('MICROGOALS_EVENTS = ["ping","purchase"] as const');
  });

  it("the example project's helpers compile under tsc --strict; misspellings do not", () => {
    const helpers = generateTypeScript(example);
    const good = `import { pushPurchase, pushAddToCart } from "./helpers.js";
pushPurchase({ ecommerce: { value: 85, currency: "EUR", transaction_id: "T1" } });
pushAddToCart({ ecommerce: { items: [{ item_id: "A", item_category: "tents" }] } });
`;
    const bad = `import { pushPurchase } from "./helpers.js";
pushPurchase({ ecommerce: { valeu: 85, currency: "EUR", transaction_id: "T1" } });
`;
    // One tsc run (it is slow): errors must come from bad.ts only, and name the misspelling.
    const r = typecheck({ "helpers.ts": helpers, "good.ts": good, "bad.ts": bad });
    expect(r.ok).toBe(false);
    const errorLines = r.output.split("\n").filter((l) => /error TS/.test(l));
    expect(errorLines.length).toBeGreaterThan(0);
    for (const l of errorLines) expect(l).toMatch(/bad\.ts\(\d+,\d+\)/);
    expect(r.output).toMatch(/valeu/);
  });
});
