// A goal file's `audiences:` → AudienceSpec[] with defaults (membership 30 days). Whether the goal
// ids exist and the membership fits GA4 (1..540 whole days) is the audience-definition rule's job.
import { durationSeconds } from "./duration.js";
import type { AudienceSpec } from "./model.js";
import { childPointer } from "./pointer.js";

type Raw = Record<string, unknown>;
const DAY = 86_400;

export function normalizeAudiences(raw: unknown, file: string): AudienceSpec[] {
  return ((raw as Raw[] | undefined) ?? []).map(
    (a, i): AudienceSpec => ({
      id: a.id as string,
      title: a.title as string,
      ...(a.description !== undefined ? { description: a.description as string } : {}),
      did: a.did as string[],
      not: (a.not as string[] | undefined) ?? [],
      membershipDays:
        a.membership !== undefined ? durationSeconds(a.membership as string | number)! / DAY : 30,
      source: { file, pointer: childPointer("", "audiences", i) },
    }),
  );
}
