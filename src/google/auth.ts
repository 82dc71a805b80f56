// Credentials and endpoints. --endpoint / MICROGOALS_ENDPOINT: no auth, every client's rootUrl points
// at that server (the emulator). Otherwise Application Default Credentials or --credentials key.json,
// with the narrowest scopes the command needs. Nothing here ever prints a key or a token.
import { readFile } from "node:fs/promises";
import { GoogleAuth } from "google-auth-library";
import { UserError } from "../cli/failure.js";
import { redact } from "./api-error.js";

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
}

export interface Connection {
  /** Root URL override (emulator), with a trailing slash. */
  rootUrl?: string;
  auth?: GoogleAuth;
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  const endpoint = options.endpoint ?? process.env.MICROGOALS_ENDPOINT;
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new UserError(`--endpoint is not a URL: ${endpoint}`, 2);
    }
    return { rootUrl: url.href.endsWith("/") ? url.href : `${url.href}/` };
  }
  const requested = [...scopes[options.scopes]];
  if (options.credentials) {
    const credentials = await readKeyFile(options.credentials);
    return { auth: new GoogleAuth({ credentials, scopes: requested }) };
  }
  return { auth: new GoogleAuth({ scopes: requested }) };
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
  const key = parsed as Partial<KeyFile> | null;
  const missing = ["type", "client_email", "private_key"].filter(
    (f) => typeof (key as Record<string, unknown> | null)?.[f] !== "string",
  );
  if (missing.length > 0)
    throw new UserError(
      `credentials file ${path} lacks ${missing.join(", ")}`,
      1,
      "Use a service-account JSON key.",
    );
  if (key!.type !== "service_account")
    throw new UserError(
      `credentials file ${path} is a "${key!.type}" credential, expected "service_account"`,
    );
  return key as KeyFile;
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
