// Compiled entities, converted to export format, must look like what GTM itself writes: same
// parameter keys, parameter types, nesting and enum spelling as the real exports in
// /work/shared/reference/gtm-exports. Form submission and element visibility are not in those
// files; they are checked against the GTM API v2 Trigger reference instead.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.js";
import { exportContainer } from "../../src/compile/container-export.js";
import { everyKindProject } from "./factory.js";
import { shapeOf, union } from "./shape.js";

type Json = Record<string, unknown>;
const refDir = join(import.meta.dirname, "../../../shared/reference/gtm-exports");
const refs = readdirSync(refDir)
  .filter((f) => f.endsWith(".json"))
  .map(
    (f) => (JSON.parse(readFileSync(join(refDir, f), "utf8")) as { containerVersion: Json }).containerVersion,
  );
const all = (kind: "tag" | "trigger" | "variable") =>
  refs.flatMap((cv) => (cv[kind] as Json[] | undefined) ?? []);

const compiled = exportContainer(compile(everyKindProject({ installGoogleTag: true }))).containerVersion;
const conditionShapes = union(
  all("trigger").map((t) => new Set([...shapeOf(t)].filter((p) => p.startsWith("condition")))),
);

function check(compiledEntities: Json[], references: Json[], allowedExtra: string[] = []): void {
  expect(compiledEntities.length).toBeGreaterThan(0);
  expect(references.length).toBeGreaterThan(0);
  const ref = union(references.map(shapeOf));
  for (const x of allowedExtra) ref.add(x);
  for (const e of compiledEntities) {
    const missing = [...shapeOf(e)].filter(
      (p) => !ref.has(p) && !(p.startsWith("condition") && conditionShapes.has(p)),
    );
    expect(missing, `${String(e.name)} has paths GTM does not write`).toEqual([]);
  }
}

describe("trigger shapes match real GTM exports", () => {
  const triggerTypes = [
    "PAGEVIEW",
    "HISTORY_CHANGE",
    "CLICK",
    "LINK_CLICK",
    "CUSTOM_EVENT",
    "SCROLL_DEPTH",
    "TIMER",
    "YOU_TUBE_VIDEO",
  ];
  for (const type of triggerTypes) {
    it(type, () => {
      const mine = compiled.trigger.filter((t) => t.type === type);
      // Any trigger kind may carry a `filter` ("fires on some ..."). With wait-for-tags or validation
      // on, link clicks also need autoEventFilter ("enable when"; the reference's TIMER shows its shape).
      const extra =
        type === "LINK_CLICK" ? ["filter:conditions", "autoEventFilter:conditions"] : ["filter:conditions"];
      check(
        mine,
        all("trigger").filter((t) => t.type === type),
        extra,
      );
    });
  }

  it("every compiled trigger type is UPPER_SNAKE as in exports", () => {
    for (const t of compiled.trigger) expect(String(t.type)).toMatch(/^[A-Z_]+$/);
  });

  it("FORM_SUBMISSION follows the API reference (same wait/validation fields as LINK_CLICK)", () => {
    const form = compiled.trigger.filter((t) => t.type === "FORM_SUBMISSION");
    check(
      form.map((t) => ({ ...t, type: "LINK_CLICK" })),
      all("trigger").filter((t) => t.type === "LINK_CLICK"),
      ["filter:conditions", "autoEventFilter:conditions"],
    );
  });

  it("ELEMENT_VISIBILITY follows GTM's parameter keys (API marks top-level visibility fields AMP-only)", () => {
    const [ev] = compiled.trigger.filter((t) => t.type === "ELEMENT_VISIBILITY");
    expect([...shapeOf(ev!)].sort()).toEqual(
      [
        "parameter.elementSelector:TEMPLATE",
        "parameter.firingFrequency:TEMPLATE",
        "parameter.onScreenDuration:TEMPLATE",
        "parameter.onScreenRatio:TEMPLATE",
        "parameter.selectorType:TEMPLATE",
        "parameter.useDomChangeListener:BOOLEAN",
        "parameter.useOnScreenDuration:BOOLEAN",
        "type=ELEMENT_VISIBILITY",
      ].sort(),
    );
  });
});

describe("tag and variable shapes match real GTM exports", () => {
  for (const type of ["gaawe", "googtag", "html"]) {
    it(`tag ${type}`, () => {
      check(
        compiled.tag.filter((t) => t.type === type),
        all("tag").filter((t) => t.type === type),
      );
    });
  }
  for (const type of ["c", "v", "jsm"]) {
    it(`variable ${type}`, () => {
      check(
        compiled.variable.filter((t) => t.type === type),
        all("variable").filter((t) => t.type === type),
      );
    });
  }

  it("gaawe carries eventSettingsTable as LIST of MAP {parameter, parameterValue}", () => {
    const demo = compiled.tag.find((t) => t.name === "microgoals · macro · demo_request")!;
    const shape = shapeOf(demo);
    expect(shape).toContain("parameter.eventSettingsTable:LIST");
    expect(shape).toContain("parameter.eventSettingsTable.list[]:MAP");
    expect(shape).toContain("parameter.eventSettingsTable.list[].map.parameterValue:TEMPLATE");
    expect(shape).toContain("parameter.measurementIdOverride:TEMPLATE");
  });

  it("built-in variable types are spelled as in exports", () => {
    const refTypes = new Set(
      refs.flatMap((cv) => (cv.builtInVariable as Json[]).map((b) => `${b.type}=${b.name}`)),
    );
    const mine = compiled.builtInVariable.map((b) => `${b.type}=${b.name}`);
    const known = mine.filter((m) => refTypes.has(m));
    expect(known).toContain("PAGE_PATH=Page Path");
    expect(known).toContain("CLICK_URL=Click URL");
    expect(known).toContain("VIDEO_PERCENT=Video Percent");
    // Every compiled type that the references also enable has the reference's display name.
    const refByType = new Map(
      refs.flatMap((cv) => (cv.builtInVariable as Json[]).map((b) => [b.type, b.name])),
    );
    for (const b of compiled.builtInVariable)
      if (refByType.has(b.type)) expect(b.name).toBe(refByType.get(b.type));
  });
});

describe("consentSettings match real GTM exports and the API reference", () => {
  // The recent reference exports carry consentSettings on every tag, all NOT_SET. The NEEDED form follows
  // the API's TagConsentSetting: consentType is a LIST parameter whose items carry the type names.
  const refSettings = all("tag")
    .map((t) => t.consentSettings as Json | undefined)
    .filter((s) => s !== undefined);
  const withConsent = everyKindProject({
    installGoogleTag: true,
    consent: ["analytics_storage", "ad_storage"],
  });
  withConsent.goals[0] = { ...withConsent.goals[0]!, consent: [] };
  const tags = exportContainer(compile(withConsent)).containerVersion.tag;

  it("the references spell the status UPPER_SNAKE and carry no other key when not set", () => {
    expect(refSettings.length).toBeGreaterThan(0);
    for (const s of refSettings) {
      expect(Object.keys(s)).toEqual(["consentStatus"]);
      expect(s.consentStatus).toBe("NOT_SET");
    }
  });

  it("compiled settings use the reference's key and enum spelling, consentType as LIST of TEMPLATE", () => {
    const statuses = new Set<string>();
    for (const t of tags) {
      const s = t.consentSettings as Json;
      expect(s, `${String(t.name)} has consentSettings`).toBeDefined();
      statuses.add(String(s.consentStatus));
      expect(String(s.consentStatus)).toMatch(/^(NOT_SET|NOT_NEEDED|NEEDED)$/);
      if (s.consentStatus !== "NEEDED") {
        expect(Object.keys(s)).toEqual(["consentStatus"]);
        continue;
      }
      expect(Object.keys(s).sort()).toEqual(["consentStatus", "consentType"]);
      const type = s.consentType as { type: string; list: Json[] };
      expect(type.type).toBe("LIST");
      expect(type.list.map((x) => x.type)).toEqual(type.list.map(() => "TEMPLATE"));
      expect(type.list.map((x) => x.value)).toEqual(["ad_storage", "analytics_storage"]);
    }
    expect([...statuses].sort()).toEqual(["NEEDED", "NOT_NEEDED"]);
  });

  it("tags without consent in the spec carry no consentSettings (GTM fills in NOT_SET)", () => {
    const plain = exportContainer(compile(everyKindProject())).containerVersion.tag;
    for (const t of plain) expect(t.consentSettings).toBeUndefined();
  });
});

describe("Google Ads tag shapes match real GTM exports (test/compile/ads-exports)", () => {
  const adsDir = join(import.meta.dirname, "ads-exports");
  const adsRefs = readdirSync(adsDir)
    .filter((f) => f.endsWith(".json"))
    .flatMap(
      (f) =>
        (JSON.parse(readFileSync(join(adsDir, f), "utf8")) as { containerVersion: { tag: Json[] } })
          .containerVersion.tag,
    );
  const p = everyKindProject({ consent: ["ad_storage", "ad_user_data", "ad_personalization"] });
  const src = p.goals[0]!.source;
  p.goals = p.goals.map((g) =>
    g.id === "purchase"
      ? {
          ...g,
          params: [...g.params, { ...g.params[0]!, name: "order_id", from: { dataLayer: "ecommerce.id" } }],
          ads: {
            conversionId: "AW-123456789",
            conversionLabel: "AbC-D_efG",
            valueParam: "value",
            transactionIdParam: "order_id",
            source: src,
          },
        }
      : g.id === "demo_request"
        ? { ...g, ads: { conversionId: "AW-123456789", conversionLabel: "lead", source: src } }
        : g,
  );
  const tags = exportContainer(compile(p)).containerVersion.tag;

  it("awct: every parameter key and type appears in a real export", () => {
    const mine = tags.filter((t) => t.type === "awct");
    expect(mine).toHaveLength(2);
    check(
      mine,
      adsRefs.filter((t) => t.type === "awct"),
      // consentSettings is compared separately (shape.ts ignores it); a NEEDED tag is not in these files
    );
    const purchase = mine.find((t) => String(t.name).endsWith("purchase"))!;
    const byKey = new Map((purchase.parameter as Json[]).map((x) => [x.key, x.value]));
    expect(byKey.get("conversionId")).toBe("123456789");
    expect(byKey.get("conversionLabel")).toBe("AbC-D_efG");
    expect(byKey.get("conversionValue")).toMatch(/^\{\{.+\}\}$/);
    expect(byKey.get("currencyCode")).toBe("EUR");
    expect(byKey.get("orderId")).toMatch(/^\{\{.+\}\}$/);
  });

  it("gclidw: one Conversion Linker for the container, shaped like the exports, on All Pages", () => {
    const linkers = tags.filter((t) => t.type === "gclidw");
    expect(linkers).toHaveLength(1);
    check(
      linkers,
      adsRefs.filter((t) => t.type === "gclidw"),
    );
    const allPages = compiledTriggers(p).find((t) => t.type === "PAGEVIEW" && !t.filter)!;
    expect(linkers[0]!.firingTriggerId).toEqual([allPages.triggerId]);
    expect((linkers[0]!.consentSettings as Json).consentStatus).toBe("NEEDED");
  });
});

function compiledTriggers(p: Parameters<typeof compile>[0]): Json[] {
  return exportContainer(compile(p)).containerVersion.trigger;
}
