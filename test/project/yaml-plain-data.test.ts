// The quick read of plain spec files (yaml-plain-data.ts) must give exactly what `yaml` gives, and
// leave every file it cannot vouch for to `yaml`. Checked on every spec file in the repo, on
// thousands of seeded mutations of them, and on the cases where the two parsers differ.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseSpecFile } from "../../src/project/yaml-file.js";
import { plainYamlData } from "../../src/project/yaml-plain-data.js";
import { mulberry32 } from "../../src/seeded-random.js";

const root = join(import.meta.dirname, "../..");
const specFiles = [
  "microgoals.yaml",
  "goals/b2b.yaml",
  "goals/shop.yaml",
  "examples/merch-store/microgoals.yaml",
  "examples/merch-store/goals/pages.yaml",
  "examples/merch-store/goals/ecommerce.yaml",
  ...["content", "lead-gen", "ecommerce", "saas"].map((t) => `templates/${t}/microgoals.yaml`),
  "templates/content/goals/reading.yaml",
  "templates/lead-gen/goals/leads.yaml",
  "templates/ecommerce/goals/store.yaml",
  "templates/saas/goals/signup.yaml",
].map((f) => readFileSync(join(root, f), "utf8"));

/** What `yaml` makes of a text: its data, or that it has errors. */
function fullRead(text: string): { data?: unknown; errors: boolean } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return { errors: true };
  try {
    return { data: doc.toJS({ maxAliasCount: 1000 }), errors: false };
  } catch {
    return { errors: true };
  }
}

/** Plain data, when given, equals `yaml`'s, and `yaml` found no error. */
function agrees(text: string): boolean {
  const quick = plainYamlData(text);
  if (quick === undefined) return true;
  const full = fullRead(text);
  return !full.errors && isDeepStrictEqual(full.data, quick);
}

describe("plain YAML read quickly", () => {
  it("reads every spec file in the repo as `yaml` does", () => {
    for (const text of specFiles) {
      expect(plainYamlData(text)).toBeDefined();
      expect(agrees(text)).toBe(true);
    }
  });

  it("agrees with `yaml` on seeded mutations of them, or leaves them to it", () => {
    const pieces = [
      " ",
      "\n",
      "\n  ",
      ":",
      ": ",
      "- ",
      "#",
      "'",
      '"',
      "[",
      "]",
      "{",
      "}",
      ",",
      "? ",
      "&a ",
      "*a",
      "!!str ",
      "!x ",
      "|-\n",
      ">+\n",
      "\t",
      "~",
      "null",
      "0x1F",
      "1e999",
      "0o7",
      "---\n",
      "...\n",
      "%YAML 1.1\n",
      "<<: ",
      "\uFEFF",
      "\r\n",
      "\\",
      "é",
    ];
    const rand = mulberry32(20261201);
    let quick = 0;
    const wrong: string[] = [];
    for (let i = 0; i < 4000; i++) {
      let text = specFiles[i % specFiles.length] as string;
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const at = Math.floor(rand() * text.length);
        const op = rand();
        if (op < 0.45) text = text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at);
        else if (op < 0.75) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3));
        else {
          const from = Math.floor(rand() * text.length);
          text = text.slice(0, at) + text.slice(from, from + 12) + text.slice(at);
        }
      }
      if (plainYamlData(text) !== undefined) quick++;
      if (!agrees(text)) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    // Most mutations stay plain: the comparison above is not vacuous.
    expect(quick).toBeGreaterThan(1000);
  });

  it("resolves scalars as YAML 1.2's core schema in `yaml` does", () => {
    const text = [
      "hex: 0x1F",
      "oct: 0o17",
      "dec: 007",
      "plus: +5",
      "huge: 1e999",
      "long: 123456789012345678901234567890",
      "inf: -.inf",
      "nan: .NaN",
      "frac: 1.",
      "under: 1_000",
      "bin: 0b101",
      "yes: yes",
      "date: 2024-01-01",
      "nul: ~",
      "nul2: Null",
      "bool: True",
      "folded: >",
      "  a",
      "  b",
    ].join("\n");
    const data = plainYamlData(text) as Record<string, unknown>;
    expect(data).toEqual(fullRead(text).data);
    expect(data.huge).toBe(Number.POSITIVE_INFINITY);
    expect(data.under).toBe("1_000");
    expect(data.bin).toBe("0b101");
  });

  it("leaves to `yaml` what the two parsers read differently or only `yaml` can place", () => {
    const notPlain = {
      "anchor and alias": "a: &x 1\nb: *x\n",
      tag: "a: !!str 5\n",
      "null key": "~: 1\n",
      "null key, spaced": "a:\n  Null   : 1\n",
      "null key in flow": "[{ null : 1 }]\n",
      "empty key": "? \n: 1\n",
      "complex key": "? [a, b]\n: 1\n",
      "flow key": "{[a]: 1}\n",
      directive: "%YAML 1.1\n---\na: yes\n",
      "two documents": "a: 1\n---\nb: 2\n",
      "document end first": "...\na: 1\n",
      "duplicate key": "a: 1\na: 2\n",
      "byte order mark": "\uFEFFa: 1\n",
      tab: "a:\n\tb: 1\n",
      empty: "",
      "null document": "~\n",
      "too deep": `${"[".repeat(65)}${"]".repeat(65)}\n`,
    };
    for (const [what, text] of Object.entries(notPlain)) expect(plainYamlData(text), what).toBeUndefined();
    // 64 levels are allowed (yaml-depth.ts), one more is not
    expect(plainYamlData(`${"[".repeat(64)}${"]".repeat(64)}\n`)).toBeDefined();
  });

  it("answers `has` from the data as the positioned parse does", () => {
    const text = specFiles[4] as string;
    const parsed = parseSpecFile("goals/pages.yaml", text);
    const doc = parseDocument(text);
    const pointers = [
      "",
      "/goals",
      "/goals/0",
      "/goals/0/id",
      "/goals/0/nope",
      "/goals/999",
      "/goals/x",
      "/goals/0/trigger",
      "/goals/1/leads_to/0",
      "/goals/1/leads_to/5",
      "/nope/0",
    ];
    for (const p of pointers) {
      const path = p
        .split("/")
        .slice(1)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      expect(parsed.has(p), p).toBe(path.length === 0 ? true : doc.hasIn(path));
    }
  });
});
