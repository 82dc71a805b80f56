// Where Application Default Credentials could come from, decided locally: no network, no probe.
// GoogleAuth otherwise pings the metadata server (3 s off Google Cloud, plus a MetadataLookupWarning
// on some networks) only to report "Could not load the default credentials". When none of these
// holds there is nothing to find, and microgoals says so at once.
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir, networkInterfaces, platform } from "node:os";
import { join } from "node:path";

export type CredentialSource =
  | "GOOGLE_APPLICATION_CREDENTIALS"
  | "gcloud application-default login"
  | "Google Cloud runtime"
  | "metadata server override";

export interface Host {
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  /** Runs on a Google Cloud VM (GCE, GKE, Cloud Build): its metadata server holds the identity. */
  onGoogleVm(): boolean;
  home: string;
  platform: NodeJS.Platform;
}

export const realHost: Host = {
  env: process.env,
  exists: existsSync,
  onGoogleVm,
  home: homedir(),
  platform: platform(),
};

/** The first place ADC would find credentials, or undefined when there is none (same order as GoogleAuth). */
export function credentialSource(host: Host = realHost): CredentialSource | undefined {
  const { env } = host;
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return "GOOGLE_APPLICATION_CREDENTIALS";
  if (host.exists(gcloudAdcFile(host))) return "gcloud application-default login";
  // Someone pointed the metadata lookup somewhere on purpose (workload identity proxies, tests).
  const detection = env.METADATA_SERVER_DETECTION?.trim().toLowerCase();
  if (detection === "none") return undefined;
  if (detection || env.GCE_METADATA_HOST || env.GCE_METADATA_IP) return "metadata server override";
  if (env.K_SERVICE || env.CLOUD_RUN_JOB || env.FUNCTION_NAME) return "Google Cloud runtime";
  return host.onGoogleVm() ? "Google Cloud runtime" : undefined;
}

/** gcloud's ADC file: $CLOUDSDK_CONFIG, %APPDATA%\gcloud or ~/.config/gcloud. */
export function gcloudAdcFile(host: Pick<Host, "env" | "home" | "platform">): string {
  const dir =
    host.env.CLOUDSDK_CONFIG ||
    (host.platform === "win32"
      ? join(host.env.APPDATA ?? host.home, "gcloud")
      : join(host.home, ".config", "gcloud"));
  return join(dir, "application_default_credentials.json");
}

/** The checks gcp-metadata makes before pinging: Google BIOS on Linux, or a GCE MAC prefix. */
function onGoogleVm(): boolean {
  if (platform() === "linux") {
    try {
      statSync("/sys/class/dmi/id/bios_date");
      if (/Google/.test(readFileSync("/sys/class/dmi/id/bios_vendor", "utf8"))) return true;
    } catch {
      // not readable: fall through to the MAC check
    }
  }
  return Object.values(networkInterfaces()).some((list) => list?.some((i) => /^42:01/.test(i.mac)));
}
