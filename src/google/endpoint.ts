// --endpoint / MICROGOALS_ENDPOINT: the server (the emulator) that gets every Google API call instead
// of Google. Kept apart from auth.ts so the Data API clients can read it without loading google-auth-library.
import { UsageError } from "../errors.js";

/** The endpoint from the option, else MICROGOALS_ENDPOINT; undefined means real Google. */
export function endpointUrl(option: string | undefined): URL | undefined {
  const endpoint = option ?? process.env.MICROGOALS_ENDPOINT;
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint is not a URL: ${endpoint}`);
  }
}
