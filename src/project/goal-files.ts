// Which goal files a project has: goals/**/*.yaml and *.yml, symlinks followed (a loop is reported,
// not walked forever). A goals folder that is missing, unreadable or holds no goal file is an error:
// loading zero goals would make the plan delete everything those files had deployed.
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "./diagnostic.js";

export const GOALS_DIR = "goals";

export interface GoalFileList {
  /** Project-relative, "/"-separated, sorted. A dangling symlink is listed (reading it then fails). */
  files: string[];
  problems: Diagnostic[];
}

const isGoalFile = (name: string) => /\.ya?ml$/.test(name);

function problem(file: string, rule: string, message: string, hint: string): Diagnostic {
  return { severity: "error", rule, message, position: { file, line: 1, col: 1 }, hint };
}

export async function listGoalFiles(projectDir: string): Promise<GoalFileList> {
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  const walk = async (abs: string, rel: string, ancestors: ReadonlySet<string>): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(abs);
      entries = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (rel === GOALS_DIR && code === "ENOENT")
        problems.push(
          problem(
            `${GOALS_DIR}/`,
            "goals-folder",
            "The goals/ folder is missing.",
            "Goal files live in goals/*.yaml next to microgoals.yaml (`microgoals init` makes one).",
          ),
        );
      else
        problems.push(
          problem(
            `${rel}/`,
            "goals-folder",
            `${rel}/ cannot be read (${code ?? "error"}).`,
            "Check the folder's permissions.",
          ),
        );
      return;
    }
    if (ancestors.has(real)) {
      problems.push(
        problem(
          `${rel}/`,
          "symlink-loop",
          `${rel} links back to a folder it is inside of (symlink loop).`,
          "Remove or re-point the symbolic link.",
        ),
      );
      return;
    }
    const inside = new Set([...ancestors, real]);
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const childAbs = join(abs, e.name);
      const childRel = `${rel}/${e.name}`;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await stat(childAbs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          // Dangling: listed, so the loader reports it as missing instead of skipping it silently.
          if (isGoalFile(e.name)) files.push(childRel);
          continue;
        }
      }
      if (isDir) await walk(childAbs, childRel, inside);
      else if (isFile && isGoalFile(e.name)) files.push(childRel);
    }
  };
  await walk(join(projectDir, GOALS_DIR), GOALS_DIR, new Set());
  if (problems.length === 0 && files.length === 0)
    problems.push(
      problem(
        `${GOALS_DIR}/`,
        "goals-folder",
        "The goals/ folder holds no goal files (*.yaml).",
        "Add a goal file; to remove every goal on purpose, keep a file with `goals: []`.",
      ),
    );
  return { files: [...new Set(files)].sort(), problems };
}
