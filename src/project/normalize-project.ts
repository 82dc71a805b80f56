// A schema-valid microgoals.yaml → the project settings part of Project (goals are added by load.ts).
import { consentList } from "./consent.js";
import { durationSeconds } from "./duration.js";
import type { Project, ReportSettings, Target } from "./model.js";
import { childPointer } from "./pointer.js";

type Raw = Record<string, unknown>;
export type ProjectSettings = Omit<Project, "dir" | "goals" | "funnels" | "files">;

export const projectFile = "microgoals.yaml";

export function normalizeSettings(data: Raw): ProjectSettings {
  const targets = Object.entries(data.targets as Record<string, Raw>).map(([name, t]): Target => {
    const gtm = t.gtm as Raw;
    const ga4 = t.ga4 as Raw;
    return {
      name,
      gtm: {
        accountId: String(gtm.account),
        containerId: String(gtm.container),
        workspaceName: (gtm.workspace as string | undefined) ?? "microgoals",
        ...(gtm.environment !== undefined ? { environment: gtm.environment as string } : {}),
      },
      ga4: { propertyId: String(ga4.property), measurementId: ga4.measurement_id as string },
      source: { file: projectFile, pointer: childPointer("", "targets", name) },
    };
  });
  const limits = (data.limits as Raw | undefined) ?? {};
  const r = (data.report as Raw | undefined) ?? {};
  const report: ReportSettings = {
    since: (r.since as string | undefined) ?? "28daysAgo",
    until: (r.until as string | undefined) ?? "yesterday",
    windowSeconds: durationSeconds((r.window as string | number | undefined) ?? "7d")!,
    minUsers: (r.min_users as number | undefined) ?? 50,
    alerts: (r.alerts as string[] | undefined) ?? [],
    ...(r.schedule !== undefined ? { schedule: r.schedule as string } : {}),
    currency: (r.currency as string | undefined) ?? "EUR",
    ...(r.threshold_users !== undefined ? { thresholdUsers: r.threshold_users as number } : {}),
  };
  return {
    name: data.name as string,
    version: 1,
    // With a single target it is the default; otherwise the default-target rule reports a missing one.
    defaultTarget:
      (data.default_target as string | undefined) ?? (targets.length === 1 ? targets[0]!.name : ""),
    targets,
    installGoogleTag: data.install_google_tag === true,
    ...(data.consent !== undefined ? { consent: consentList(data.consent) } : {}),
    limits: {
      keyEvents: (limits.key_events as number | undefined) ?? 30,
      customDimensions: (limits.custom_dimensions as number | undefined) ?? 50,
    },
    report,
  };
}
