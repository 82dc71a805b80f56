// Names, titles and descriptions end up in GTM notes, GA4 display names, report tables and chat
// messages; none of those has room for a novel, and a 50 MB title once took 25 s and 1.8 GB to
// compile into a 50 MB container. The limits are generous for people and small for machines.
import { projectFile } from "../normalize-project.js";
import { refIn } from "./refs.js";
import type { Finding, Rule } from "./rule.js";

export const textLimits = {
  id: 64,
  title: 100,
  name: 100,
  description: 1000,
} as const;

function tooLong(what: string, value: string | undefined, max: number, at: Finding["at"]): Finding[] {
  if (value === undefined || value.length <= max) return [];
  return [
    {
      message: `${what} is ${value.length} characters; at most ${max} are allowed.`,
      at,
      hint: "Shorten it; put the detail in a YAML comment.",
    },
  ];
}

export const textTooLong: Rule = {
  id: "text-too-long",
  severity: "error",
  summary: `Ids ≤ ${textLimits.id} characters, titles and the project name ≤ ${textLimits.title}, descriptions ≤ ${textLimits.description}.`,
  check: (project) => [
    ...tooLong("The project name", project.name, textLimits.name, { file: projectFile, pointer: "/name" }),
    ...project.goals.flatMap((g) => [
      ...tooLong("Goal id", g.id, textLimits.id, refIn(g.source, "id")),
      ...tooLong(`Title of goal ${shortId(g.id)}`, g.title, textLimits.title, refIn(g.source, "title")),
      ...tooLong(
        `Description of goal ${shortId(g.id)}`,
        g.description,
        textLimits.description,
        refIn(g.source, "description"),
      ),
    ]),
    ...project.funnels.flatMap((f) => [
      ...tooLong("Funnel id", f.id, textLimits.id, refIn(f.source, "id")),
      ...tooLong(`Title of funnel ${shortId(f.id)}`, f.title, textLimits.title, refIn(f.source, "title")),
    ]),
  ],
};

function shortId(id: string): string {
  return id.length > textLimits.id ? `${id.slice(0, textLimits.id)}…` : id;
}
