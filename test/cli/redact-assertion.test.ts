// A signed JWT (the service-account assertion exchanged for a token, or an ID token) is a
// credential: it can be replayed until it expires. It must never reach a terminal or a log.
import { generateKeyPairSync, sign } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reportFailure } from "../../src/cli/failure.js";
import { UserError } from "../../src/errors.js";
import { redact } from "../../src/google/api-error.js";

const b64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");

function signedAssertion(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: "abc" }));
  const claims = b64url(
    JSON.stringify({
      iss: "deployer@proj.iam.gserviceaccount.com",
      scope: "https://www.googleapis.com/auth/tagmanager.edit.containers",
      aud: "https://oauth2.googleapis.com/token",
      exp: 1_900_000_000,
      iat: 1_899_996_400,
    }),
  );
  const signature = b64url(sign("sha256", Buffer.from(`${header}.${claims}`), privateKey));
  return `${header}.${claims}.${signature}`;
}

afterEach(() => vi.restoreAllMocks());

describe("JWT assertions", () => {
  const jwt = signedAssertion();
  const [, claims, signature] = jwt.split(".");

  it.each([
    [
      "a form body",
      `invalid_grant for grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${jwt}`,
    ],
    ["a JSON body", `{"assertion": "${jwt}"}`],
    ["plain text", `token request with ${jwt} failed`],
    ["an unsigned JWT", `got ${jwt.split(".").slice(0, 2).join(".")}.`],
  ])("redacts one in %s", (_where, text) => {
    const out = redact(text);
    expect(out).not.toContain(claims);
    expect(out).not.toContain(signature);
    expect(out).toContain("[redacted");
  });

  it("keeps them out of what reportFailure prints", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    reportFailure(new UserError(`auth failed: assertion=${jwt}`, 1, `retry with ${jwt}`));
    reportFailure(new Error(`internal: ${jwt}`));
    const printed = spy.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(printed).not.toContain(signature);
    expect(printed).not.toContain(claims);
  });
});
