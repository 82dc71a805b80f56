// GTM answers 404 "Not found or permission denied." (sometimes 403) for a wrong account or container
// id AND for a service account without access: say which target and container were asked for and
// what to check, instead of the bare API message.
import { isDailyLimit, isRateLimit } from "../google/api-error.js";
import { ApiCallError } from "../google/caller.js";
import { containerPath } from "./workspace.js";

export function accessHint(target: string, accountId: string, containerId: string): string {
  return (
    `Target ${target} points at GTM ${containerPath(accountId, containerId)}: check its gtm account and ` +
    "container ids in microgoals.yaml (the numbers in the GTM URL, not the GTM-XXXX public id), and that " +
    "the credentials' account (the service account's client_email) has access to that container in " +
    "GTM Admin → User Management (Publish for apply --publish, Edit for apply, Read for plan)."
  );
}

/** Runs `read`; a not-found / permission-denied answer gets the access hint. */
export async function withAccessHint<T>(
  target: string,
  gtm: { accountId: string; containerId: string },
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof ApiCallError)) throw err;
    const f = err.facts;
    const denied = f.status === 404 || (f.status === 403 && !isRateLimit(f) && !isDailyLimit(f));
    if (!denied) throw err;
    throw new ApiCallError(err.method, f, accessHint(target, gtm.accountId, gtm.containerId));
  }
}
