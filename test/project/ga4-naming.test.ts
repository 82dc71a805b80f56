import { describe, expect, it } from "vitest";
import {
  measurementProtocolReservedEvents,
  reservedEventNames,
  reservedPrefixOf,
} from "../../src/project/ga4-naming.js";

describe("ga4-naming", () => {
  it("the spec refuses a reserved prefix in any case; collection matches it exactly", () => {
    expect(reservedPrefixOf("GA_session")).toBe("ga_");
    expect(reservedPrefixOf("GA_session", { caseSensitive: true })).toBeUndefined();
    expect(reservedPrefixOf("google_x", { caseSensitive: true })).toBe("google_");
    expect(reservedPrefixOf("signup")).toBeUndefined();
  });

  it("every event Measurement Protocol refuses is reserved for goals too, plus the automatic ones", () => {
    for (const name of measurementProtocolReservedEvents) expect(reservedEventNames.has(name)).toBe(true);
    expect(reservedEventNames.has("scroll")).toBe(true);
    expect(measurementProtocolReservedEvents.has("scroll")).toBe(false);
  });
});
