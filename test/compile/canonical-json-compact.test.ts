// canonicalJson without indent is written directly (no sorted copy); its bytes must stay exactly
// those of JSON.stringify(canonicalize(value)), which the ownership hashes depend on.
import { describe, expect, it } from "vitest";
import { canonicalize, canonicalJson } from "../../src/compile/canonical-json.js";

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const leaves: unknown[] = [
  0,
  -0,
  1.5,
  -7,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  'quote " and \\ and \n and \u2028 and é',
  true,
  false,
  null,
  undefined,
  () => 1,
  Symbol("s"),
  new Date(0),
];
const keys = ["b", "a", "10", "9", "0", "01", "toJSON", "__x", "é", "A", "a b", ""];

function value(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 3 || r < 0.4) return leaves[Math.floor(rnd() * leaves.length)];
  if (r < 0.65) {
    const arr = Array.from({ length: Math.floor(rnd() * 4) }, () => value(rnd, depth + 1));
    if (rnd() < 0.1) arr.length += 2; // holes
    return arr;
  }
  const obj: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) {
    const k = keys[Math.floor(rnd() * keys.length)]!;
    // toJSON only as data: a function there would make the two ways call it differently by design.
    obj[k] = k === "toJSON" ? "x" : value(rnd, depth + 1);
  }
  return obj;
}

describe("canonicalJson (compact)", () => {
  it("writes exactly JSON.stringify(canonicalize(value))", () => {
    const rnd = random(19);
    for (let i = 0; i < 5000; i++) {
      const v = value(rnd, 0);
      expect(canonicalJson(v)).toBe(JSON.stringify(canonicalize(v)));
    }
  });

  it("throws on a bigint like JSON.stringify", () => {
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});
