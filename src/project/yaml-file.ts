// One spec file parsed with positions. YAML problems (syntax, tabs, duplicate keys, empty or binary
// files) become located diagnostics; nothing here throws on user input.
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Diagnostic } from "./diagnostic.js";
import type { Position } from "./model.js";
import { pointerSegments } from "./pointer.js";
import { MAX_SPEC_DEPTH, tooDeepNode } from "./yaml-depth.js";
import { plainYamlData } from "./yaml-plain-data.js";

export interface ParsedFile {
  file: string;
  /** Plain data, present only when the YAML parsed without errors. */
  data?: unknown;
  diagnostics: Diagnostic[];
  /** Position of the node at a pointer (its value), or of the nearest existing parent. */
  locate(pointer: string): Position;
  /** Position of the key of the pair a pointer names (falls back like locate). */
  locateKey(pointer: string): Position;
  /** Whether a node exists at exactly this pointer. */
  has(pointer: string): boolean;
}

const yamlRules: Record<string, string> = {
  DUPLICATE_KEY: "duplicate-key",
  TAB_AS_INDENT: "tab-indent",
  MULTIPLE_DOCS: "multiple-documents",
  RESOURCE_EXHAUSTION: "nesting-too-deep", // the parser ran out of stack: nesting, in practice
};

const tooDeep = {
  message: `The YAML nests too deeply: a spec file may nest at most ${MAX_SPEC_DEPTH} levels.`,
  hint: "Look for runaway brackets ([[[… or {{{…) or indentation around this line.",
};

/**
 * Plain YAML (yaml-plain-data.ts) is read quickly and parsed again with positions only if a
 * diagnostic asks where something is; anything else is parsed with positions at once.
 */
export function parseSpecFile(file: string, text: string): ParsedFile {
  const data = isBinary(text) ? undefined : plainYamlData(text);
  if (data === undefined) return parseWithPositions(file, text);
  let positioned: ParsedFile | undefined;
  const located = () => {
    positioned ??= parseWithPositions(file, text);
    return positioned;
  };
  return {
    file,
    data,
    diagnostics: [],
    locate: (pointer) => located().locate(pointer),
    locateKey: (pointer) => located().locateKey(pointer),
    // Rules ask this of every goal, diagnostic or not: the data answers without positions.
    has: (pointer) => dataHas(data, pointer),
  };
}

/** A NUL, or bytes that were not UTF-8 (decoded as U+FFFD): not a spec file. */
function isBinary(text: string): boolean {
  return text.includes("\u0000") || text.includes("\uFFFD");
}

/** Whether a node exists at exactly this pointer in plain data (as `has` of the parsed document). */
function dataHas(data: unknown, pointer: string): boolean {
  let node = data;
  for (const seg of pointerSegments(pointer)) {
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(seg) || Number(seg) >= node.length) return false;
      node = node[Number(seg)];
    } else if (node !== null && typeof node === "object" && Object.hasOwn(node, seg)) {
      node = (node as Record<string, unknown>)[seg];
    } else return false;
  }
  return true;
}

function parseWithPositions(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const start: Position = { file, line: 1, col: 1 };
  const fail = (rule: string, message: string, hint?: string): ParsedFile => ({
    file,
    diagnostics: [{ severity: "error", rule, message, position: start, ...(hint ? { hint } : {}) }],
    locate: () => start,
    locateKey: () => start,
    has: () => false,
  });

  if (isBinary(text)) {
    return fail("binary-file", `${file} is not a text file.`, "Spec files must be UTF-8 YAML.");
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // A tab throws every later line off: report the tabs alone, not the cascade they cause.
  const tabs = doc.errors.filter((e) => e.code === "TAB_AS_INDENT");
  const diagnostics: Diagnostic[] = (tabs.length > 0 ? tabs : doc.errors).map((e) => {
    const hint = yamlHint(e.code, e.message);
    return {
      severity: "error",
      rule: yamlRules[e.code] ?? "yaml-syntax",
      message: e.code === "RESOURCE_EXHAUSTION" ? tooDeep.message : yamlMessage(e.code, e.message),
      position: at(e.pos[0]),
      ...(e.code === "RESOURCE_EXHAUSTION" ? { hint: tooDeep.hint } : hint ? { hint } : {}),
    };
  });

  const find = (pointer: string): { node: Node | null; key: Node | null; exact: boolean } => {
    let node = doc.contents as Node | null;
    let key: Node | null = null;
    for (const seg of pointerSegments(pointer)) {
      if (isAlias(node)) node = node.resolve(doc) ?? null;
      let next: Node | null | undefined;
      let nextKey: Node | null = null;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
        // A key with no value ("a:") still names a position: the key itself.
        if (pair) {
          nextKey = pair.key as Node;
          next = (pair.value as Node | null) ?? (pair.key as Node);
        }
      } else if (isSeq(node) && /^\d+$/.test(seg)) {
        next = node.items[Number(seg)] as Node | undefined;
      }
      if (!next) return { node, key, exact: false };
      node = next;
      key = nextKey;
    }
    return { node, key, exact: true };
  };
  const posOf = (node: Node | null): Position => (node?.range ? at(node.range[0]) : start);

  const result: ParsedFile = {
    file,
    diagnostics,
    locate: (pointer) => posOf(find(pointer).node),
    locateKey: (pointer) => {
      const f = find(pointer);
      return posOf(f.exact && f.key ? f.key : f.node);
    },
    has: (pointer) => find(pointer).exact,
  };
  if (diagnostics.length > 0) return result;
  const deep = tooDeepNode(doc.contents as Node | null);
  if (deep) {
    diagnostics.push({ severity: "error", rule: "nesting-too-deep", position: posOf(deep), ...tooDeep });
    return result;
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    diagnostics.push({
      severity: "error",
      rule: "empty-file",
      message: `${file} is empty.`,
      position: start,
      hint: file.startsWith("goals/")
        ? "Add `goals:` with at least one goal, or delete the file."
        : undefined,
    });
    return result;
  }
  try {
    result.data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    diagnostics.push({
      severity: "error",
      rule: "yaml-syntax",
      message: e instanceof Error ? e.message : String(e),
      position: start,
    });
  }
  return result;
}

/** What to do about the YAML errors people actually make: tabs and a line indented off by a space or two. */
function yamlHint(code: string, message: string): string | undefined {
  if (code === "TAB_AS_INDENT") return "Indent with spaces.";
  if (
    code === "BAD_INDENT" ||
    /compact mappings|Implicit keys need to be on a single line|must start at the same column|indent/i.test(
      message,
    )
  )
    return "Check the indentation of this line and the lines just below it: keys of one mapping start in the same column (YAML counts spaces).";
  return undefined;
}

function yamlMessage(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return "Duplicate key: every key in a mapping must be unique.";
  if (code === "TAB_AS_INDENT") return "Tab character used for indentation; YAML allows only spaces.";
  if (code === "MULTIPLE_DOCS") return "More than one YAML document (---) in a spec file.";
  return message.split("\n")[0]!.replace(/\s+at line \d+, column \d+:?$/, "");
}
