// Credential errors come first and read clearly; no test here touches the network: the host (env,
// files, "on a Google VM") is injected, and the CLI runs with metadata detection off.
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { connect, readKeyFile } from "../../src/google/auth.js";
import { credentialSource, type Host } from "../../src/google/credential-sources.js";
import { cliEntry } from "../support/cli-entry.js";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "mg-cred-"));
const GARBAGE = "-----BEGIN PRIVATE KEY-----\nnot-a-key-super-secret\n-----END PRIVATE KEY-----\n";

function host(env: NodeJS.ProcessEnv = {}, files: string[] = [], vm = false): Host {
  return { env, exists: (p) => files.includes(p), onGoogleVm: () => vm, home: "/home/u", platform: "linux" };
}

function keyFile(name: string, fields: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(fields));
  return path;
}

describe("where ADC would come from (decided locally)", () => {
  it("env var, gcloud's file, a Google runtime or an explicit metadata setting; else nothing", () => {
    expect(credentialSource(host())).toBeUndefined();
    expect(credentialSource(host({ GOOGLE_APPLICATION_CREDENTIALS: "/k.json" }))).toBe(
      "GOOGLE_APPLICATION_CREDENTIALS",
    );
    expect(credentialSource(host({}, ["/home/u/.config/gcloud/application_default_credentials.json"]))).toBe(
      "gcloud application-default login",
    );
    expect(
      credentialSource(host({ CLOUDSDK_CONFIG: "/c" }, ["/c/application_default_credentials.json"])),
    ).toBe("gcloud application-default login");
    expect(credentialSource(host({ K_SERVICE: "svc" }))).toBe("Google Cloud runtime");
    expect(credentialSource(host({}, [], true))).toBe("Google Cloud runtime"); // GCE, GKE workload identity
    expect(credentialSource(host({ GCE_METADATA_HOST: "127.0.0.1:9" }))).toBe("metadata server override");
    expect(credentialSource(host({ METADATA_SERVER_DETECTION: "none" }, [], true))).toBeUndefined();
  });

  it("no credentials: one clear UserError before any network call", async () => {
    const t0 = Date.now();
    const err = (await connect({ scopes: "plan", host: host() }).catch((e: unknown) => e)) as Error & {
      exitCode: number;
      hint: string;
    };
    expect(err.message).toBe("no Google credentials found");
    expect(err.exitCode).toBe(1);
    expect(err.hint).toMatch(/gcloud auth application-default login/);
    expect(err.hint).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
    expect(err.hint).toMatch(/--credentials key\.json/);
    expect(err.hint).toMatch(/--endpoint URL/);
    expect(Date.now() - t0).toBeLessThan(500); // no 3-s metadata probe
  });
});

describe("service-account key files", () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const good = {
    type: "service_account",
    client_email: "deploy@p.iam.gserviceaccount.com",
    private_key: pem,
  };

  it("a good key is accepted and connects without the network", async () => {
    const path = keyFile("good.json", good);
    expect((await readKeyFile(path)).client_email).toBe(good.client_email);
    expect((await connect({ scopes: "plan", credentials: path })).auth).toBeDefined();
  });

  it("says which field is wrong, never echoing the key", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...good, private_key: GARBAGE }, /private_key is not a PEM private key/],
      [{ ...good, private_key: 42 }, /private_key missing/],
      [{ ...good, client_email: "nobody" }, /client_email is not an email address/],
      [{ ...good, type: "authorized_user" }, /type is "authorized_user", expected "service_account"/],
    ];
    for (const [fields, expected] of cases) {
      const path = keyFile("k.json", fields);
      const err = (await readKeyFile(path).catch((e: unknown) => e)) as Error;
      expect(err.message).toMatch(new RegExp(`${path} is not a usable service-account key: `));
      expect(err.message).toMatch(expected);
      expect(err.message).not.toMatch(/super-secret|BEGIN|MII/);
    }
  });

  it("the CLI: no ADC and a garbage key are one line each, exit 1, no warning, no stack", async () => {
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      promisify(execFile)(process.execPath, [...cliEntry(), ...args], {
        cwd: ROOT,
        env,
      }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
    const { MICROGOALS_ENDPOINT, GOOGLE_APPLICATION_CREDENTIALS, ...rest } = process.env;
    const env = {
      ...rest,
      HOME: dir,
      XDG_CACHE_HOME: dir,
      CLOUDSDK_CONFIG: dir,
      METADATA_SERVER_DETECTION: "none",
    };
    const none = await run(["plan", "."], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^microgoals: no Google credentials found\n {2}Run `gcloud auth/);
    expect(none.stderr).not.toMatch(/MetadataLookupWarning|workspaces\.list|at /);
    const bad = keyFile("bad.json", { ...good, private_key: GARBAGE });
    for (const args of [["--credentials", bad], []]) {
      const r = await run(["plan", ".", ...args], { ...env, GOOGLE_APPLICATION_CREDENTIALS: bad });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/bad\.json is not a usable service-account key: private_key is not a PEM/);
      expect(r.stderr).not.toMatch(/DECODER|super-secret|workspaces\.list/);
    }
  }, 30_000);
});
