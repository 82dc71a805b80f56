// Reads and parses a JSON request body; an empty body is undefined, malformed JSON is Google's 400.
import type { IncomingMessage } from "node:http";
import { ApiError } from "./route.js";

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", "parseError");
  }
}
