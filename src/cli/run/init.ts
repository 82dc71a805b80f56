// `microgoals init`: copy a starter project from templates/<name>/ without overwriting anything.
import { existsSync } from "node:fs";
import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { UserError } from "../../errors.js";
import { templatesDir } from "../../project/package-root.js";

export const templateNames = ["ecommerce", "lead-gen", "saas", "content"] as const;
export type TemplateName = (typeof templateNames)[number];

/** Relative paths of a template's files, sorted. */
export async function templateFiles(name: TemplateName): Promise<string[]> {
  const root = join(templatesDir, name);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      relative(root, join(e.parentPath ?? e.path, e.name))
        .split(sep)
        .join("/"),
    )
    .sort();
}

/** Writes the template into dir; refuses (writing nothing) if any file already exists. */
export async function scaffold(dir: string, name: TemplateName): Promise<string[]> {
  const files = await templateFiles(name);
  const existing: string[] = [];
  for (const f of files) {
    if (
      await access(join(dir, f)).then(
        () => true,
        () => false,
      )
    )
      existing.push(f);
  }
  if (existing.length > 0) {
    throw new UserError(
      `refusing to overwrite existing files in ${dir}: ${existing.join(", ")}`,
      1,
      "Choose an empty directory, or move those files away first.",
    );
  }
  const schema = installedSchema(dir);
  for (const f of files) {
    const target = join(dir, f);
    await mkdir(dirname(target), { recursive: true });
    const text = await readFile(join(templatesDir, name, f), "utf8");
    await writeFile(target, schema ? pointSchemaAt(text, relative(dirname(resolve(target)), schema)) : text, {
      flag: "wx",
    });
  }
  return files;
}

/**
 * Keeps microgoals' local state out of git: `.microgoals/` holds the offline send ledgers (client
 * ids, transaction ids of real customers) and nothing a teammate needs. Appends the rule to an
 * existing .gitignore that lacks it; leaves one that has it alone.
 */
export async function ignoreLocalState(dir: string): Promise<"created" | "updated" | "kept"> {
  const file = join(dir, ".gitignore");
  const rule = ".microgoals/";
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) {
    await writeFile(file, `# microgoals' local state (offline send ledgers)\n${rule}\n`, { flag: "wx" });
    return "created";
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => l === rule || l === ".microgoals" || l === "/.microgoals/" || l === "/.microgoals"))
    return "kept";
  await writeFile(file, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${rule}\n`);
  return "updated";
}

const SCHEMA_FILE = join("node_modules", "microgoals", "schema", "microgoals.schema.json");

/** The schema of the nearest microgoals install at or above dir (the project may live in a subfolder). */
export function installedSchema(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, SCHEMA_FILE))) return join(at, SCHEMA_FILE);
    if (dirname(at) === at) return undefined;
  }
}

/** Rewrites the yaml-language-server $schema comment so editors find the schema from this file. */
export function pointSchemaAt(text: string, relativePath: string): string {
  const path = relativePath.split(sep).join("/");
  return text.replace(
    /^(# yaml-language-server: \$schema=).*$/m,
    `$1${path.startsWith(".") ? path : `./${path}`}`,
  );
}
