// Credentials and endpoints. --endpoint / MICROGOALS_ENDPOINT: no auth, every client's rootUrl points
// at that server (the emulator). Otherwise Application Default Credentials or --credentials key.json,
// with the narrowest scopes the command needs. Nothing here ever prints a key or a token.
import { createPrivateKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import { GoogleAuth } from "google-auth-library";
import { UserError } from "../errors.js";
import { redact } from "./api-error.js";
import { credentialSource, type Host, realHost } from "./credential-sources.js";
import { endpointUrl } from "./endpoint.js";

const GTM = "https://www.googleapis.com/auth/tagmanager";
const GA = "https://www.googleapis.com/auth/analytics";

/** Scopes per command: plan only reads; apply edits; publish also versions and publishes. */
export const scopes = {
  plan: [`${GA}.readonly`, `${GTM}.readonly`],
  apply: [`${GA}.edit`, `${GTM}.edit.containers`],
  publish: [`${GA}.edit`, `${GTM}.edit.containers`, `${GTM}.edit.containerversions`, `${GTM}.publish`],
} as const;

export type ScopeSet = keyof typeof scopes;

export interface ConnectOptions {
  endpoint?: string;
  credentials?: string;
  scopes: ScopeSet;
  /** Environment and files to look for credentials in (tests); default the real ones. */
  host?: Host;
}

export interface Connection {
  /** Root URL override (emulator), with a trailing slash. */
  rootUrl?: string;
  auth?: GoogleAuth;
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  const url = endpointUrl(options.endpoint);
  if (url) return { rootUrl: url.href.endsWith("/") ? url.href : `${url.href}/` };
  const requested = [...scopes[options.scopes]];
  if (options.credentials) {
    const credentials = await readKeyFile(options.credentials);
    return { auth: new GoogleAuth({ credentials, scopes: requested }) };
  }
  // Up front, once: a missing or broken credential is a clear error before any API call.
  const host = options.host ?? realHost;
  if (!credentialSource(host)) throw noCredentials();
  const adcFile = host.env.GOOGLE_APPLICATION_CREDENTIALS;
  if (adcFile && (await isServiceAccountFile(adcFile))) await readKeyFile(adcFile);
  const auth = new GoogleAuth({ scopes: requested });
  try {
    await auth.getClient();
  } catch (err) {
    if (/Could not load the default credentials/i.test(String((err as Error)?.message)))
      throw noCredentials();
    throw authFailure(err);
  }
  return { auth };
}

/** GoogleAuth reads other credential types (external_account, authorized_user) itself. */
async function isServiceAccountFile(path: string): Promise<boolean> {
  try {
    return (JSON.parse(await readFile(path, "utf8")) as { type?: unknown })?.type === "service_account";
  } catch {
    return false; // unreadable or not JSON: GoogleAuth's own error says which file
  }
}

function noCredentials(): UserError {
  return new UserError(
    "no Google credentials found",
    1,
    "Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS, or pass --credentials key.json; or --endpoint URL for the emulator.",
  );
}

interface KeyFile {
  type: string;
  client_email: string;
  private_key: string;
}

/** Reads and checks a service-account key without ever echoing its content in an error. */
export async function readKeyFile(path: string): Promise<KeyFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UserError(`cannot read credentials file ${path} (${code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse messages quote the offending text; never show it.
    throw new UserError(
      `credentials file ${path} is not valid JSON`,
      1,
      "Download a new key from the Cloud console.",
    );
  }
  const problem = keyProblem(parsed);
  if (problem)
    throw new UserError(
      `${path} is not a usable service-account key: ${problem}`,
      1,
      "Create a JSON key for the service account in the Cloud console (IAM → Service accounts → Keys).",
    );
  return parsed as KeyFile;
}

/** What is wrong with a parsed key file, never quoting its secret parts; undefined when usable. */
function keyProblem(parsed: unknown): string | undefined {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "not a JSON object";
  const key = parsed as Record<string, unknown>;
  const missing = ["type", "client_email", "private_key"].filter((f) => typeof key[f] !== "string");
  if (missing.length > 0) return `${missing.join(", ")} missing`;
  if (key.type !== "service_account")
    return `type is "${String(key.type).slice(0, 40)}", expected "service_account"`;
  if (!/^[^@\s]+@[^@\s]+$/.test(key.client_email as string)) return "client_email is not an email address";
  try {
    // Parsed locally so a broken key fails here, not as "DECODER routines::unsupported" mid-run.
    createPrivateKey(key.private_key as string);
  } catch {
    return "private_key is not a PEM private key";
  }
  return undefined;
}

/** Wraps an authentication failure into a printable, redacted user error. */
export function authFailure(err: unknown): UserError {
  const message = err instanceof Error ? err.message : String(err);
  return new UserError(
    `could not authenticate with Google: ${redact(message)}`,
    1,
    "Run `gcloud auth application-default login` or pass --credentials key.json.",
  );
}
