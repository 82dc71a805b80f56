import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/compile/canonical-json.js";
import { compile } from "../../src/compile/compile.js";
import { exportContainer } from "../../src/compile/container-export.js";
import { fromExportEnum, toExportEnum } from "../../src/compile/export-format.js";
import { contentHash, parseMarker } from "../../src/compile/ownership.js";
import { tagAsStored } from "../../src/compile/tag-hash.js";
import { UsageError } from "../../src/errors.js";
import type { Goal } from "../../src/project/model.js";
import { cond, everyKindProject, goal, param, project } from "./factory.js";

describe("compile", () => {
  it("shares one trigger between goals with the same firing condition", () => {
    const path = () => cond({ builtin: "page_path" }, "equals", "/pricing");
    const s = compile(
      project([
        goal("a", { kind: "page_view", conditions: [path()] }),
        goal("b", { kind: "page_view", conditions: [path()] }),
        goal("c", { kind: "page_view", conditions: [cond({ builtin: "page_path" }, "equals", "/other")] }),
      ]),
    );
    expect(s.gtm.triggers).toHaveLength(2);
    const shared = s.gtm.triggers.find((t) => t.goals.length === 2)!;
    expect(shared.goals).toEqual(["a", "b"]);
    expect(shared.body.name).toBe("microgoals · trigger · page_view · a +1");
    const tagA = s.gtm.tags.find((t) => t.key === "tag:goal:a")!;
    const tagB = s.gtm.tags.find((t) => t.key === "tag:goal:b")!;
    expect(tagA.body.firingTriggerId).toEqual([shared.key]);
    expect(tagB.body.firingTriggerId).toEqual([shared.key]);
  });

  it("is deterministic: shuffled goal order gives the same bytes", () => {
    const p = everyKindProject();
    const base = canonicalJson(compile(p));
    for (let seed = 1; seed <= 5; seed++) {
      const shuffled = [...p.goals].sort(
        (a, b) =>
          ((a.id.charCodeAt(seed % a.id.length) * seed) % 7) -
          ((b.id.charCodeAt(seed % b.id.length) * seed) % 7),
      );
      expect(canonicalJson(compile({ ...p, goals: shuffled.reverse() }))).toBe(base);
    }
  });

  it("compiles conditions to GTM conditions with TEMPLATE args and BOOLEAN flags", () => {
    const s = compile(
      project([
        goal("g", {
          kind: "page_view",
          conditions: [
            cond({ builtin: "page_path" }, "starts_with", "/b/", { ignoreCase: true, negate: true }),
          ],
        }),
      ]),
    );
    expect(s.gtm.triggers[0]!.body.filter).toEqual([
      {
        type: "startsWith",
        parameter: [
          { type: "template", key: "arg0", value: "{{Page Path}}" },
          { type: "template", key: "arg1", value: "/b/" },
          { type: "boolean", key: "ignore_case", value: "true" },
          { type: "boolean", key: "negate", value: "true" },
        ].map((p) => ({ key: p.key, type: p.type, value: p.value })),
      },
    ]);
    expect(s.gtm.builtInVariables).toEqual(["pagePath"]);
  });

  it("gaawe tags reference the measurement-ID constant and data-layer variables", () => {
    const s = compile(
      project([
        goal(
          "buy",
          { kind: "data_layer", event: "purchase", conditions: [] },
          { event: "purchase", params: [param("value", { dataLayer: "ecommerce.value" })] },
        ),
      ]),
    );
    const tag = s.gtm.tags[0]!.body;
    expect(tag.type).toBe("gaawe");
    const byKey = Object.fromEntries(tag.parameter.map((p) => [p.key, p]));
    expect(byKey.eventName!.value).toBe("purchase");
    expect(byKey.measurementIdOverride!.value).toBe("{{microgoals · GA4 measurement ID}}");
    expect(byKey.eventSettingsTable!.list![0]!.map).toEqual([
      { type: "template", key: "parameter", value: "value" },
      { type: "template", key: "parameterValue", value: "{{microgoals · DLV · ecommerce.value}}" },
    ]);
    expect(s.gtm.variables.map((v) => v.key)).toEqual([
      "variable:constant:measurement_id",
      "variable:dlv:ecommerce.value",
    ]);
    expect(s.gtm.variables[0]!.body.parameter![0]!.value).toBe("G-TEST0001");
    const trig = s.gtm.triggers[0]!.body;
    expect(trig.type).toBe("customEvent");
    expect(trig.customEventFilter).toHaveLength(1);
    expect(trig.customEventFilter![0]!.parameter[1]!.value).toBe("purchase");
  });

  it("compiles a googtag only when the project installs the Google tag", () => {
    expect(compile(everyKindProject()).gtm.tags.some((t) => t.body.type === "googtag")).toBe(false);
    const s = compile(everyKindProject({ installGoogleTag: true }));
    const g = s.gtm.tags.find((t) => t.body.type === "googtag")!;
    expect(g.body.parameter).toEqual([
      { type: "template", key: "tagId", value: "{{microgoals · GA4 measurement ID}}" },
    ]);
  });

  it("engagement goals fire on custom events pushed by one generated Custom HTML tag", () => {
    const s = compile(
      project([
        goal("loyal", { kind: "engagement", pagesPerSession: 3, conditions: [] }),
        goal("back", { kind: "engagement", visits: 2, conditions: [] }),
      ]),
    );
    const html = s.gtm.tags.filter((t) => t.body.type === "html");
    expect(html).toHaveLength(1);
    const script = html[0]!.body.parameter.find((p) => p.key === "html")!.value!;
    expect(script).toContain('"event":"microgoals.engagement.pages_3","pages":3');
    expect(script).toContain('"event":"microgoals.engagement.visits_2","pages":0,"visits":2');
    const allPages = s.gtm.triggers.find((t) => t.key === html[0]!.body.firingTriggerId[0])!;
    expect(allPages.body.type).toBe("pageview");
    expect(allPages.body.filter).toBeUndefined();
    const loyalTag = s.gtm.tags.find((t) => t.key === "tag:goal:loyal")!;
    const loyalTrigger = s.gtm.triggers.find((t) => t.key === loyalTag.body.firingTriggerId[0])!;
    expect(loyalTrigger.body.customEventFilter![0]!.parameter[1]!.value).toBe(
      "microgoals.engagement.pages_3",
    );
  });

  it("the engagement script pushes each threshold once per session", () => {
    const s = compile(
      project([
        goal("loyal", { kind: "engagement", pagesPerSession: 2, conditions: [] }),
        goal("back", { kind: "engagement", visits: 2, conditions: [] }),
      ]),
    );
    const html = s.gtm.tags.find((t) => t.body.type === "html")!.body.parameter[0]!.value!;
    const js = html.replace(/^<script>/, "").replace(/<\/script>$/, "");
    const store = () => {
      const m = new Map<string, string>();
      return {
        getItem: (k: string) => m.get(k) ?? null,
        setItem: (k: string, v: string) => void m.set(k, v),
      };
    };
    const local = store();
    const pushed: string[] = [];
    const visit = (pages: number) => {
      const w = { sessionStorage: store(), localStorage: local, dataLayer: undefined as unknown };
      for (let i = 0; i < pages; i++) {
        new Function("window", js)(w);
      }
      for (const e of (w.dataLayer as { event: string }[]) ?? []) pushed.push(e.event);
    };
    visit(1);
    expect(pushed).toEqual([]);
    visit(3); // second visit: the visit threshold on its first page, the page threshold on its second
    expect(pushed).toEqual(["microgoals.engagement.visits_2", "microgoals.engagement.pages_2"]);
  });

  it("key events and reportable custom dimensions", () => {
    const s = compile(everyKindProject());
    expect(s.ga4.keyEvents).toEqual([
      {
        eventName: "demo_request",
        countingMethod: "ONCE_PER_SESSION",
        defaultValue: { numericValue: 400, currencyCode: "EUR" },
        goals: ["demo_request"],
      },
      { eventName: "purchase", countingMethod: "ONCE_PER_EVENT", goals: ["purchase"] },
    ]);
    expect(s.ga4.customDimensions).toHaveLength(1);
    const d = s.ga4.customDimensions[0]!;
    expect(d.parameterName).toBe("company_size");
    expect(d.description.length).toBeLessThanOrEqual(150);
    expect(parseMarker(d.description)?.key).toBe("dimension:company_size");
  });

  it("unknown target is a usage error (exit 2), not an internal one", () => {
    expect(() => compile(everyKindProject(), "nope")).toThrow(UsageError);
    expect(() => compile(everyKindProject(), "nope")).toThrow(/unknown target "nope"; targets in/);
  });
});

describe("ownership markers", () => {
  it("every entity carries a parseable marker whose hash matches its body", () => {
    const s = compile(everyKindProject({ installGoogleTag: true }));
    for (const e of [...s.gtm.variables, ...s.gtm.triggers, ...s.gtm.tags]) {
      expect(e.body.notes.split("\n")[0]).toMatch(
        /^Managed by microgoals \(.+\)\. Edit the YAML, not this entity\.$/,
      );
      expect(parseMarker(e.body.notes)).toEqual({ key: e.key, hash: e.hash });
      // tags are hashed as GTM stores them: their triggers by name (tag-hash.ts)
      const names = new Map(s.gtm.triggers.map((t) => [t.key, t.body.name]));
      expect(contentHash(tagAsStored(e.body, (k) => names.get(k)))).toBe(e.hash);
    }
  });

  it("hash ignores notes but sees every other change", () => {
    const body = { name: "x", type: "c", notes: "a" };
    expect(contentHash(body)).toBe(contentHash({ ...body, notes: "b" }));
    expect(contentHash(body)).not.toBe(contentHash({ ...body, name: "y" }));
    expect(contentHash({ type: "c", name: "x" })).toBe(contentHash(body));
  });

  it("parseMarker rejects foreign notes", () => {
    expect(parseMarker("Created by hand")).toBeUndefined();
    expect(parseMarker(undefined)).toBeUndefined();
  });

  it("a tag's hash follows what GTM stores: its trigger's name, not the trigger's content", () => {
    const mk = (v: string, extra: Goal[] = []) => {
      const g = goal("g", { kind: "page_view", conditions: [cond({ builtin: "page_path" }, "equals", v)] });
      return compile(project([g, ...extra])).gtm.tags.find((t) => t.goals.includes("g"))!;
    };
    // the trigger changes in place (same name, same GTM id): the tag is unchanged in GTM
    expect(mk("/a").body.firingTriggerId).not.toEqual(mk("/b").body.firingTriggerId);
    expect(mk("/a").hash).toBe(mk("/b").hash);
    // sharing the trigger with a second goal renames it: the tag now points at another trigger
    const twin = goal("h", {
      kind: "page_view",
      conditions: [cond({ builtin: "page_path" }, "equals", "/a")],
    });
    expect(mk("/a", [twin]).hash).not.toBe(mk("/a").hash);
  });
});

describe("export format", () => {
  it("converts enums between API and export spelling", () => {
    for (const [api, exp] of [
      ["pageview", "PAGEVIEW"],
      ["customEvent", "CUSTOM_EVENT"],
      ["youTubeVideo", "YOU_TUBE_VIDEO"],
      ["matchRegex", "MATCH_REGEX"],
      ["greaterOrEquals", "GREATER_OR_EQUALS"],
      ["triggerReference", "TRIGGER_REFERENCE"],
      ["pageUrl", "PAGE_URL"],
      ["oncePerEvent", "ONCE_PER_EVENT"],
    ]) {
      expect(toExportEnum(api!)).toBe(exp);
      expect(fromExportEnum(exp!)).toBe(api);
    }
  });

  it("writes consistent ids, resolvable firing triggers, unique names, one folder", () => {
    const file = exportContainer(compile(everyKindProject({ installGoogleTag: true })));
    const cv = file.containerVersion;
    expect(file.exportFormatVersion).toBe(2);
    const triggerIds = new Set(cv.trigger.map((t) => t.triggerId));
    expect(triggerIds.size).toBe(cv.trigger.length);
    for (const t of cv.tag)
      for (const id of t.firingTriggerId as string[]) expect(triggerIds.has(id)).toBe(true);
    for (const kind of [cv.tag, cv.trigger, cv.variable]) {
      const names = kind.map((e) => e.name);
      expect(new Set(names).size).toBe(names.length);
      for (const e of kind) expect(e.parentFolderId).toBe("1");
      for (const e of kind) expect(e.accountId).toBe("6000001");
    }
    expect(cv.folder).toEqual([
      { accountId: "6000001", containerId: "9000001", folderId: "1", name: "microgoals" },
    ]);
    expect(cv.tag.map((t) => t.tagId)).toEqual(cv.tag.map((_, i) => String(i + 1)));
  });
});
