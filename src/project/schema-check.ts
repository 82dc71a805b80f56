// JSON Schema validation (ajv) of one parsed file, with every error mapped back to a YAML position.
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Diagnostic } from "./diagnostic.js";
import { childPointer, pointerSegments } from "./pointer.js";
// Compiled at build time (schema-validators-codegen.ts), not on every run.
import * as generated from "./schema-validators.generated.js";
import { closest } from "./suggest.js";
import type { ParsedFile } from "./yaml-file.js";

export type FileKind = "project" | "goalFile";

const validators = generated as unknown as Record<FileKind, ValidateFunction>;

export function checkSchema(parsed: ParsedFile, kind: FileKind): Diagnostic[] {
  const validate = validators[kind];
  if (validate(parsed.data)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const err of validate.errors ?? []) {
    const d = toDiagnostic(err, parsed);
    if (!d) continue;
    const key = `${d.position.line}:${d.position.col}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function toDiagnostic(err: ErrorObject, parsed: ParsedFile): Diagnostic | undefined {
  const path = err.instancePath;
  const segments = pointerSegments(path);
  const name = segments.at(-1) ?? "document";
  const parent = err.parentSchema as
    | { description?: string; properties?: Record<string, unknown> }
    | undefined;
  const d = (message: string, at = parsed.locate(path), hint?: string): Diagnostic => ({
    severity: "error",
    rule: "schema",
    message,
    position: at,
    ...(hint ? { hint } : {}),
  });
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "if":
      return undefined; // the "then" branch reports the real problem
    case "required":
      return d(`Missing required key "${params.missingProperty}" in ${describe(segments)}.`);
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      const guess = closest(key, allowed);
      return d(
        `Unknown key "${key}" in ${describe(segments)}.` + (guess ? ` Did you mean "${guess}"?` : ""),
        parsed.locateKey(childPointer(path, key)),
        allowed.length ? `Allowed here: ${allowed.join(", ")}.` : undefined,
      );
    }
    case "type":
      return d(`"${name}" must be ${article(String(params.type))}, not ${typeOf(err.data)}.`);
    case "enum":
      return d(
        `"${name}" must be one of: ${(params.allowedValues as unknown[]).join(", ")}; got ${JSON.stringify(err.data)}.`,
      );
    case "const":
      return d(`"${name}" must be ${JSON.stringify(params.allowedValue)}.`);
    case "pattern":
      return d(
        `"${name}" value ${JSON.stringify(err.data)} is not valid` +
          (parent?.description ? `: expected ${parent.description}` : ` (must match ${params.pattern}).`),
      );
    case "minProperties":
    case "maxProperties":
      if (name === "trigger") {
        const kinds = Object.keys(parent?.properties ?? {}).join(", ");
        return d(`A trigger must have exactly one kind.`, undefined, `One of: ${kinds}.`);
      }
      return d(`"${name}" ${err.message}.`);
    default:
      return d(`"${name}" ${err.message}.`);
  }
}

const itemNames: Record<string, string> = {
  goals: "goal",
  funnels: "funnel",
  audiences: "audience",
  when: "condition",
  targets: "target",
};

/** "goal", "funnel", or the key's own name, for messages. */
function describe(segments: string[]): string {
  const name = segments.at(-1);
  if (name === undefined) return "the file";
  if (/^\d+$/.test(name)) return `this ${itemNames[segments.at(-2) ?? ""] ?? "item"}`;
  if (segments.at(-2) === "targets") return `target "${name}"`;
  return `"${name}"`;
}

function article(type: string): string {
  const t = type.replace(/,/g, " or ");
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function typeOf(v: unknown): string {
  if (v === null) return "empty";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}
