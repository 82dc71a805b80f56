// A small RFC 4180 reader (no CSV package is installed, and the format is small): fields separated
// by commas, optionally quoted with "", "" inside quotes is a quote, quoted fields may span lines,
// CRLF or LF line ends. Each record keeps the 1-based line it starts on, for file:line errors.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** Records in file order; blank lines are skipped. Throws CsvSyntaxError on a broken quote. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // spreadsheet BOM
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    let wasQuoted = false;
    let ended = false;
    while (i < src.length && !ended) {
      const c = src[i] as string;
      if (quoted) {
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (c === "\n") line++;
          field += c;
          i++;
        }
        continue;
      }
      if (c === '"') {
        if (field !== "" || wasQuoted) throw new CsvSyntaxError(line, 'a quote (") inside an unquoted field');
        quoted = true;
        wasQuoted = true;
        i++;
      } else if (c === ",") {
        fields.push(field);
        field = "";
        wasQuoted = false;
        i++;
      } else if (c === "\r" || c === "\n") {
        i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
        line++;
        ended = true;
      } else {
        if (wasQuoted) throw new CsvSyntaxError(line, "text after a closing quote");
        field += c;
        i++;
      }
    }
    if (quoted) throw new CsvSyntaxError(start, "a quoted field is never closed");
    fields.push(field);
    if (fields.length === 1 && fields[0] === "" && !wasQuoted) continue; // blank line
    records.push({ line: start, fields });
  }
  return records;
}
