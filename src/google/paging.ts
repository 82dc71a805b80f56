// Reads every page of a Google list call: one paid call per page.
import type { ApiCaller } from "./caller.js";

export async function listAll<T>(
  caller: ApiCaller,
  method: string,
  fetchPage: (
    pageToken: string | undefined,
  ) => Promise<{ items: T[] | null | undefined; next?: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await caller.call("read", method, () => fetchPage(token));
    out.push(...(page.items ?? []));
    token = page.next ?? undefined;
  } while (token);
  return out;
}
