// Reads one spec file with a size cap. A goal file is a few KB; one of megabytes is a mistake (a
// pasted export, a generated blob) that would cost seconds and gigabytes to parse, validate and
// compile before any rule could complain. Over the cap it is a located diagnostic, not a read.
import { FileReadLimitError, formatSize, readBoundedText } from "../bounded-read.js";
import type { Diagnostic } from "./diagnostic.js";

export const MAX_SPEC_FILE_BYTES = 1 << 20;

export interface SpecFileRead {
  /** undefined: missing or unreadable (or too large, then `diagnostic` says so) */
  text?: string;
  diagnostic?: Diagnostic;
}

/** `path` on disk; `file` the project-relative name diagnostics use. */
export function readSpecFile(path: string, file: string, maxBytes = MAX_SPEC_FILE_BYTES): SpecFileRead {
  try {
    return { text: readBoundedText(path, maxBytes) };
  } catch (err) {
    if (err instanceof FileReadLimitError && err.reason === "too-large")
      return {
        diagnostic: {
          severity: "error",
          rule: "file-too-large",
          message: `${file} is larger than ${formatSize(maxBytes)}; microgoals does not read spec files that large.`,
          position: { file, line: 1, col: 1 },
          hint: "Spread the goals over several files in goals/ (a goal takes a few hundred bytes).",
        },
      };
    return {};
  }
}
