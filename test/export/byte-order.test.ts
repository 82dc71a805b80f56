// compareText orders texts as their UTF-8 bytes do (the engine's ORDER BY over VARCHAR), NULLs last.
import { describe, expect, it } from "vitest";
import { compareText } from "../../src/report/sources/export/byte-order.js";

const sign = (n: number) => Math.sign(n);
const bytes = (x: string, y: string) => sign(Buffer.compare(Buffer.from(x), Buffer.from(y)));

describe("compareText", () => {
  it("orders as UTF-8 bytes: ASCII, accents, CJK, private use, and characters above U+FFFF", () => {
    // Units chosen where UTF-16 order and byte order part: surrogates against U+E000 and up.
    const alphabet = ["a", "b", "/", "Z", "é", "中", "\uE000", "\uFFFD", "\uFF5E", "😀", "𝄞", "\u0000", "~"];
    let s = 11;
    const next = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    const texts = Array.from({ length: 400 }, () =>
      Array.from(
        { length: Math.floor(next() * 4) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join(""),
    );
    let parted = 0;
    for (const x of texts)
      for (const y of texts) {
        expect(sign(compareText(x, y))).toBe(bytes(x, y));
        if ((x < y ? -1 : x > y ? 1 : 0) !== bytes(x, y)) parted++;
      }
    // The cases plain string comparison gets wrong were among them.
    expect(parted).toBeGreaterThan(0);
  });

  it("puts NULL last and a prefix first", () => {
    expect(compareText(null, "a")).toBeGreaterThan(0);
    expect(compareText("a", null)).toBeLessThan(0);
    expect(compareText(null, null)).toBe(0);
    expect(compareText("/p", "/p/q")).toBeLessThan(0);
    expect(compareText("", "a")).toBeLessThan(0);
  });
});
