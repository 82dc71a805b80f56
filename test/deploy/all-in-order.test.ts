import { describe, expect, it } from "vitest";
import { allInOrder } from "../../src/google/all-in-order.js";

const later = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms),
  );

describe("allInOrder", () => {
  it("returns every value in argument order", async () => {
    expect(await allInOrder<[number, string]>([later(20, 1), later(1, "b")])).toEqual([1, "b"]);
  });

  it("throws the first failure in argument order, not the first to arrive, after all have settled", async () => {
    let lastSettled = false;
    const slow = later(30, "first", true);
    const fast = later(1, "second", true);
    const tail = later(40, "ok").then((v) => {
      lastSettled = true;
      return v;
    });
    await expect(allInOrder([slow, fast, tail])).rejects.toThrow("first");
    expect(lastSettled).toBe(true);
  });
});
