// The quick read of a spec file. Nearly every spec file is plain YAML: mappings, lists and scalars,
// no anchors, aliases, tags, directives or unusual keys. js-yaml turns those into data about six
// times faster than `yaml` builds its document with positions (issue 19: the YAML was two thirds
// of `compile` on 1,000 goals). Positions are needed only for a diagnostic, so a plain file is read
// here and parsed again with positions only when a diagnostic points into it (yaml-file.ts).
// Anything else, and every file js-yaml rejects, goes to `yaml` as before: its messages are the
// ones users see, and both parsers then agree by construction.
import {
  CORE_SCHEMA,
  constructFromEvents,
  defineScalarTag,
  EVENT_ID,
  type Event,
  getScalarValue,
  NOT_RESOLVED,
  parseEvents,
  SCALAR_STYLE,
} from "js-yaml";
import { MAX_SPEC_DEPTH } from "./yaml-depth.js";

// Numbers exactly as `yaml`'s YAML 1.2 core schema resolves them (js-yaml's own core tags leave
// out-of-range numbers as strings, where `yaml` gives ±Infinity).
const intTag = defineScalarTag("tag:yaml.org,2002:int", {
  implicit: true,
  implicitFirstChars: ["-", "+", ..."0123456789"],
  resolve: (s) => {
    if (/^[-+]?[0-9]+$/.test(s)) return Number.parseInt(s, 10);
    if (/^0o[0-7]+$/.test(s)) return Number.parseInt(s.slice(2), 8);
    if (/^0x[0-9a-fA-F]+$/.test(s)) return Number.parseInt(s.slice(2), 16);
    return NOT_RESOLVED;
  },
  identify: () => false,
});

const floatTag = defineScalarTag("tag:yaml.org,2002:float", {
  implicit: true,
  implicitFirstChars: ["-", "+", ".", ..."0123456789"],
  resolve: (s) => {
    if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s))
      return s.slice(-3).toLowerCase() === "nan"
        ? Number.NaN
        : s[0] === "-"
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY;
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return Number.parseFloat(s);
    if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return Number.parseFloat(s);
    return NOT_RESOLVED;
  },
  identify: () => false,
});

const schema = CORE_SCHEMA.withTags(intTag, floatTag);

/**
 * A document end marker: `yaml` counts a document before one at the very start (an error, more
 * than one document) where js-yaml counts none; rare in a spec, so any file with one is `yaml`'s.
 */
const DOCUMENT_END = /^\.\.\.(?:[ \t#]|\r?$)/m;

/** `yaml` turns a null key into "" and js-yaml into "null": such a file is left to `yaml`. */
const NULL_KEY = /^(?:~|[Nn]ull|NULL)?$/;

/**
 * The file's data, or undefined when it is not plain YAML as above (then the full parser reads it).
 * Empty files and files whose whole document is null are not plain either: `yaml-file.ts` says so.
 */
export function plainYamlData(text: string): unknown {
  // A byte order mark: `yaml` skips one wherever it stands, js-yaml keeps it in the text.
  if (text.includes("\uFEFF") || DOCUMENT_END.test(text)) return undefined;
  let events: Event[];
  try {
    // Deeper than the spec allows is the full parser's to report (isPlain counts the levels).
    events = parseEvents(text, { maxDepth: MAX_SPEC_DEPTH + 1 });
  } catch {
    return undefined;
  }
  if (!isPlain(text, events)) return undefined;
  let docs: unknown[];
  try {
    docs = constructFromEvents(events, { source: text, schema });
  } catch {
    // duplicate keys, among others: `yaml` words and places them
    return undefined;
  }
  return docs.length === 1 && docs[0] !== null && docs[0] !== undefined ? docs[0] : undefined;
}

/**
 * One document without directives; no anchors, aliases or tags; every mapping key a scalar that is
 * not null; at most MAX_SPEC_DEPTH levels of collections. Keys are found by position: in a
 * mapping, children alternate key, value.
 */
function isPlain(text: string, events: Event[]): boolean {
  // Per open collection: whether it is a mapping, and how many children it has had so far.
  const mapping: boolean[] = [];
  const seen: number[] = [];
  let documents = 0;
  for (const e of events) {
    if (e.type === EVENT_ID.POP) {
      mapping.pop();
      seen.pop();
      continue;
    }
    if (e.type === EVENT_ID.DOCUMENT) {
      if (++documents > 1 || e.directives.length > 0) return false;
      mapping.push(false);
      seen.push(0);
      continue;
    }
    if (e.type === EVENT_ID.ALIAS || e.anchorStart !== -1 || e.tagStart !== -1) return false;
    const top = seen.length - 1;
    const isKey = mapping[top] === true && (seen[top] as number) % 2 === 0;
    seen[top] = (seen[top] as number) + 1;
    if (e.type === EVENT_ID.SCALAR) {
      // A null's plain text is at most 4 characters: longer keys need no decoding to tell.
      if (
        isKey &&
        e.style === SCALAR_STYLE.PLAIN &&
        e.valueEnd - e.valueStart <= 4 &&
        NULL_KEY.test(getScalarValue(text, e))
      )
        return false;
    } else {
      if (isKey) return false;
      mapping.push(e.type === EVENT_ID.MAPPING);
      seen.push(0);
      // the document's frame is not a level (yaml-depth.ts counts collections)
      if (mapping.length - 1 > MAX_SPEC_DEPTH) return false;
    }
  }
  return documents === 1;
}
