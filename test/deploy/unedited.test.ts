import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/compile/ownership.js";
import { liveTriggerRefs, unedited } from "../../src/plan/unedited.js";

describe("unedited: a live entity still holds what microgoals wrote", () => {
  const triggers = [
    { id: "7", raw: { name: "microgoals · trigger · click · buy" } },
    { id: "8", raw: { name: "Someone's trigger" } },
  ];
  const refs = liveTriggerRefs(triggers, new Map([["7", "trigger:click:abc"]]));
  const tag = (firing: string[]) => ({ name: "t", type: "gaawe", parameter: [], firingTriggerId: firing });
  const raw = { ...tag(["7"]), notes: "…" };

  it("a tag is hashed over its triggers' names, as GTM stores it", () => {
    expect(unedited("tag", raw, refs, contentHash(tag(["microgoals · trigger · click · buy"])))).toBe(true);
  });

  it("a tag written with a hash over trigger keys (before) still counts as unedited", () => {
    expect(unedited("tag", raw, refs, contentHash(tag(["trigger:click:abc"])))).toBe(true);
  });

  it("a tag pointed at another trigger by hand is edited", () => {
    const hash = contentHash(tag(["microgoals · trigger · click · buy"]));
    expect(unedited("tag", { ...raw, firingTriggerId: ["8"] }, refs, hash)).toBe(false);
  });
});
