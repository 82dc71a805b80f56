// compile(project, target) → DesiredState: the pure heart of the compiler. Goals are processed in
// id order and every list is sorted by key, so the output is the same bytes whatever the file order.
import { consentTypesOf, goalConsent, projectConsent, sortConsent } from "../project/consent.js";
import type { Goal, Project, TriggerKind } from "../project/model.js";
import { isOfflineGoal } from "../project/normalize-offline-goal.js";
import { resolveTarget } from "../project/target.js";
import { audiences } from "./audiences.js";
import { canonicalize } from "./canonical-json.js";
import { CompileContext } from "./context.js";
import type {
  DesiredState,
  DesiredTag,
  DesiredTrigger,
  DesiredVariable,
  GtmTriggerBody,
  GtmVariableBody,
} from "./desired-state.js";
import { customDimensions, keyEvents } from "./ga4.js";
import { projectTag } from "./ga4-ownership.js";
import { FOLDER_NAME, triggerName } from "./naming.js";
import { own, shortHash } from "./ownership.js";
import { type TagBodyWithoutNotes, tagAsStored } from "./tag-hash.js";
import { adsConversionTag, adsConversionTagKey } from "./tags/ads-conversion.js";
import { consentSettings } from "./tags/consent-settings.js";
import { CONVERSION_LINKER_KEY, conversionLinkerTag } from "./tags/conversion-linker.js";
import { ENGAGEMENT_TAG_KEY, engagementCounterTag } from "./tags/engagement-counter.js";
import { ga4EventTag, ga4EventTagKey } from "./tags/ga4-event.js";
import { GOOGLE_TAG_KEY, googleTag } from "./tags/google-tag.js";
import { allPagesTrigger } from "./triggers/all-pages.js";
import { compileTrigger } from "./triggers/compile-trigger.js";
import { type EngagementThreshold, engagementThreshold } from "./triggers/engagement.js";
import type { TriggerShape } from "./triggers/trigger-shape.js";
import { MEASUREMENT_ID_KEY, measurementIdVariable } from "./variables/measurement-id.js";

interface CollectedTrigger {
  shape: TriggerShape;
  kind: string;
  goals: Set<string>;
}

export function triggerKey(shape: TriggerShape): string {
  return `trigger:${shape.type}:${shortHash(shape)}`;
}

const byId = (a: Goal, b: Goal) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The desired state, its object keys sorted at every level (canonical-json.ts): byte-stable output. */
export function compile(project: Project, targetName?: string): DesiredState {
  return canonicalize(compiledState(project, targetName)) as DesiredState;
}

/**
 * The same state with its objects' keys in the order they were built: for readers that look fields
 * up by name (`compile`'s summary), which need not pay for the sorted copy (1,000 goals: 5-18 ms).
 */
export function compiledState(project: Project, targetName?: string): DesiredState {
  const target = resolveTarget(project, targetName);
  const goals = [...project.goals].sort(byId);
  const ctx = new CompileContext();
  const triggers = new Map<string, CollectedTrigger>();
  const addTrigger = (shape: TriggerShape, kind: string, goalIds: string[]): string => {
    // The key hashes the canonical JSON (key order and undefined fields make no difference), so
    // only a trigger seen for the first time needs its canonical copy.
    const key = triggerKey(shape);
    const t = triggers.get(key) ?? {
      shape: canonicalize(shape) as TriggerShape,
      kind,
      goals: new Set<string>(),
    };
    for (const g of goalIds) t.goals.add(g);
    triggers.set(key, t);
    return key;
  };

  // Owned once the triggers are named: a tag's hash covers its triggers' names (tag-hash.ts).
  const tagBodies: [key: string, goals: string[], body: TagBodyWithoutNotes][] = [];
  const thresholds = new Map<string, EngagementThreshold & { goals: string[] }>();
  for (const goal of goals) {
    if (isOfflineGoal(goal)) continue; // no tag, no trigger: its key event comes from ga4.ts
    ctx.goal = goal.id;
    const key = addTrigger(compileTrigger(goal.trigger, ctx), goal.trigger.kind, [goal.id]);
    const consent = consentSettings(goalConsent(project, goal));
    tagBodies.push([ga4EventTagKey(goal.id), [goal.id], { ...ga4EventTag(goal, key, ctx), ...consent }]);
    const ads = adsConversionTag(goal, key, ctx, project);
    if (ads) tagBodies.push([adsConversionTagKey(goal.id), [goal.id], { ...ads, ...consent }]);
    if (goal.trigger.kind === "engagement") {
      const th = engagementThreshold(goal.trigger);
      const entry = thresholds.get(th.event) ?? { ...th, goals: [] };
      entry.goals.push(goal.id);
      thresholds.set(th.event, entry);
    }
  }
  ctx.goal = "";
  const sharedConsent = consentSettings(projectConsent(project));
  const adsGoals = goals.filter((g) => g.ads);
  if (adsGoals.length > 0) {
    const ids = adsGoals.map((g) => g.id);
    const allPages = addTrigger(allPagesTrigger(), "page_view", ids);
    // The linker writes the ad click cookie: it waits for whatever any of its ads tags waits for.
    const types = sortConsent(adsGoals.flatMap((g) => consentTypesOf(goalConsent(project, g))));
    const linkerConsent = consentSettings(types.length > 0 ? { needed: types } : undefined);
    tagBodies.push([CONVERSION_LINKER_KEY, ids, { ...conversionLinkerTag(allPages), ...linkerConsent }]);
  }

  if (thresholds.size > 0 || project.installGoogleTag) {
    const counterGoals = [...thresholds.values()].flatMap((t) => t.goals);
    const allPages = addTrigger(allPagesTrigger(), "page_view", counterGoals);
    if (thresholds.size > 0) {
      const sorted = [...thresholds.values()].sort((a, b) => (a.event < b.event ? -1 : 1));
      const counter = { ...engagementCounterTag(sorted, allPages), ...sharedConsent };
      tagBodies.push([ENGAGEMENT_TAG_KEY, counterGoals, counter]);
    }
    if (project.installGoogleTag)
      tagBodies.push([GOOGLE_TAG_KEY, [], { ...googleTag(allPages), ...sharedConsent }]);
  }

  const variables: DesiredVariable[] = [
    own<GtmVariableBody>(MEASUREMENT_ID_KEY, [], measurementIdVariable(target.ga4.measurementId)),
  ];
  for (const [key, v] of ctx.variables) variables.push(own<GtmVariableBody>(key, [...v.goals], v.body));

  const namedTriggers = nameTriggers(triggers);
  const triggerNames = new Map(namedTriggers.map((t) => [t.key, t.body.name]));
  const tags: DesiredTag[] = tagBodies.map(([key, goalIds, body]) =>
    own(
      key,
      goalIds,
      body,
      tagAsStored(body, (k) => triggerNames.get(k)),
    ),
  );

  const state: DesiredState = {
    target: target.name,
    gtm: {
      accountId: target.gtm.accountId,
      containerId: target.gtm.containerId,
      workspaceName: target.gtm.workspaceName,
      ...(target.gtm.environment ? { environment: target.gtm.environment } : {}),
      folderName: FOLDER_NAME,
      builtInVariables: [...ctx.builtIns].sort(),
      variables: variables.sort(byKey),
      triggers: namedTriggers.sort(byKey),
      tags: tags.sort(byKey),
    },
    ga4: {
      propertyId: target.ga4.propertyId,
      measurementId: target.ga4.measurementId,
      keyEvents: keyEvents(goals, project),
      project: projectTag(project.name),
      customDimensions: customDimensions(goals, projectTag(project.name)),
      ...(project.audiences?.length ? { audiences: audiences(project) } : {}),
    },
  };
  return state;
}

/** Names from kind and the (sorted) goals that fire on the trigger; unfiltered page view is "all pages". */
function nameTriggers(triggers: Map<string, CollectedTrigger>): DesiredTrigger[] {
  const used = new Set<string>();
  const out: DesiredTrigger[] = [];
  for (const key of [...triggers.keys()].sort()) {
    const t = triggers.get(key)!;
    const goals = [...t.goals].sort();
    const isAllPages = t.shape.type === "pageview" && !t.shape.filter;
    const label = isAllPages
      ? "all pages"
      : goals.length > 1
        ? `${goals[0]} +${goals.length - 1}`
        : (goals[0] ?? key);
    let name = triggerName(isAllPages ? "page_view" : (t.kind as TriggerKind), label);
    if (used.has(name)) name = `${name} (${key.slice(key.lastIndexOf(":") + 1)})`;
    used.add(name);
    out.push(own<GtmTriggerBody>(key, goals, { name, ...t.shape }));
  }
  return out;
}
