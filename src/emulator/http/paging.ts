// List paging as Google does it: an opaque pageToken in, nextPageToken out (absent on the last page).
import { ApiError } from "./route.js";

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export function page<T>(items: readonly T[], pageToken: string | null, pageSize: number): Page<T> {
  const offset = pageToken ? decodeToken(pageToken) : 0;
  const slice = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return next < items.length ? { items: slice, nextPageToken: encodeToken(next) } : { items: slice };
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

function decodeToken(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString());
  if (!match) throw new ApiError(400, "INVALID_ARGUMENT", "Invalid page token.", "invalid");
  return Number(match[1]);
}
