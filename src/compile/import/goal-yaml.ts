// Imported goals → a goal file's YAML text, with the skipped tags listed as comments at the top.
import { stringify } from "yaml";
import type { ImportResult } from "./import-container.js";

export function goalFileYaml(result: ImportResult, source: string): string {
  const head = [
    `# Imported by \`microgoals import\` from ${source}. Review titles, kinds and leads_to before committing.`,
  ];
  if (result.skipped.length) {
    head.push("# Not imported:");
    for (const s of result.skipped) head.push(`#   ${s.tag.replace(/\n/g, " ")}: ${s.reason}`);
  }
  if (result.partial.length) {
    head.push("# Imported in part:");
    for (const s of result.partial) head.push(`#   ${s.tag.replace(/\n/g, " ")}: ${s.reason}`);
  }
  const body = stringify({ goals: result.goals }, { lineWidth: 0, flowCollectionPadding: true });
  return `${head.join("\n")}\n${body}`;
}
