// A schema-valid goals file → Goals and Funnels, with every default applied (see docs/spec.md).
import { adsConversionOf } from "./ads-conversion.js";
import { consentList } from "./consent.js";
import { durationSeconds } from "./duration.js";
import type {
  AudienceSpec,
  BuiltinName,
  Funnel,
  Goal,
  KeyEventSpec,
  ParamSpec,
  ValueSource,
} from "./model.js";
import { normalizeAudiences } from "./normalize-audiences.js";
import { offlineTrigger } from "./normalize-offline-goal.js";
import { normalizeTrigger } from "./normalize-trigger.js";
import { childPointer } from "./pointer.js";
import type { ShapeIssue } from "./shape-issue.js";

type Raw = Record<string, unknown>;

export function normalizeGoalFile(
  data: Raw,
  file: string,
  defaultWindowSeconds: number,
  issues: ShapeIssue[],
): { goals: Goal[]; funnels: Funnel[]; audiences: AudienceSpec[] } {
  const goals: Goal[] = [];
  ((data.goals as Raw[] | undefined) ?? []).forEach((raw, i) => {
    const goal = normalizeGoal(raw, file, childPointer("", "goals", i), issues);
    if (goal) goals.push(goal);
  });
  const funnels = ((data.funnels as Raw[] | undefined) ?? []).map(
    (raw, i): Funnel => ({
      id: raw.id as string,
      title: raw.title as string,
      steps: raw.steps as string[],
      windowSeconds:
        raw.window !== undefined ? durationSeconds(raw.window as string | number)! : defaultWindowSeconds,
      open: raw.open === true,
      source: { file, pointer: childPointer("", "funnels", i) },
    }),
  );
  return { goals, funnels, audiences: normalizeAudiences(data.audiences, file) };
}

function normalizeGoal(raw: Raw, file: string, pointer: string, issues: ShapeIssue[]): Goal | undefined {
  const trigger =
    raw.source === "offline"
      ? offlineTrigger(raw, pointer, issues)
      : normalizeTrigger(raw.trigger as Raw, file, childPointer(pointer, "trigger"), issues);
  let paramsOk = true;
  const params: ParamSpec[] = [];
  for (const [name, p] of Object.entries((raw.params as Record<string, Raw> | undefined) ?? {})) {
    const at = childPointer(pointer, "params", name);
    const from = paramSource(p);
    if (!from) {
      paramsOk = false;
      issues.push({
        rule: "param-source",
        message: `Parameter "${name}" needs exactly one source: builtin, data_layer, constant or form_field.`,
        pointer: at,
      });
      continue;
    }
    const inferred =
      "constant" in from && typeof from.constant !== "string" ? typeof from.constant : "string";
    params.push({
      name,
      from,
      type: (p.type as ParamSpec["type"]) ?? (inferred as ParamSpec["type"]),
      report: p.report === true,
      source: { file, pointer: at },
    });
  }
  if (!trigger || !paramsOk) return undefined;

  const kind = raw.kind as Goal["kind"];
  const keyEvent = keyEventOf(raw.key_event, kind);
  const value = typeof raw.value === "number" ? raw.value : keyEvent?.value;
  return {
    id: raw.id as string,
    title: raw.title as string,
    ...(raw.description !== undefined ? { description: raw.description as string } : {}),
    kind,
    // Micro goals default to "secondary"; a macro's role (an error) is kept so a rule can report it.
    ...(kind === "micro" || raw.role !== undefined
      ? { role: (raw.role as Goal["role"]) ?? "secondary" }
      : {}),
    ...(kind === "micro" && raw.role === undefined ? { roleDefaulted: true } : {}),
    leadsTo: (raw.leads_to as string[] | undefined) ?? [],
    event: (raw.event as string | undefined) ?? (raw.id as string),
    reservedEventOk: raw.reserved_event === true,
    trigger,
    params,
    ...(keyEvent ? { keyEvent } : {}),
    ...(value !== undefined ? { value } : {}),
    pii: raw.pii === true,
    ...(raw.consent !== undefined ? { consent: consentList(raw.consent) } : {}),
    ...(raw.ads !== undefined
      ? { ads: adsConversionOf(raw.ads as Raw, file, childPointer(pointer, "ads")) }
      : {}),
    source: { file, pointer },
  };
}

function paramSource(p: Raw): ValueSource | undefined {
  const found: ValueSource[] = [];
  if (p.builtin !== undefined) found.push({ builtin: p.builtin as BuiltinName });
  if (p.data_layer !== undefined) found.push({ dataLayer: p.data_layer as string });
  if (p.constant !== undefined) found.push({ constant: p.constant as string | number | boolean });
  if (p.form_field !== undefined) found.push({ formField: p.form_field as string });
  return found.length === 1 ? found[0] : undefined;
}

function keyEventOf(raw: unknown, kind: Goal["kind"]): KeyEventSpec | undefined {
  if (raw === false) return undefined;
  if (raw === undefined) return kind === "macro" ? { counting: "once_per_event" } : undefined;
  if (raw === true) return { counting: "once_per_event" };
  const o = raw as Raw;
  return {
    counting: (o.counting as KeyEventSpec["counting"]) ?? "once_per_event",
    ...(o.value !== undefined ? { value: o.value as number } : {}),
    ...(o.currency !== undefined ? { currency: o.currency as string } : {}),
  };
}
