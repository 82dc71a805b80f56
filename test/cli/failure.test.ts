// What reportFailure prints: one redacted line (plus hint), the documented exit code, no secrets.
import { afterEach, describe, expect, it, vi } from "vitest";
import { reportFailure } from "../../src/cli/failure.js";
import { UsageError, UserError } from "../../src/errors.js";

function printed(err: unknown): { code: number; text: string } {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  const code = reportFailure(err);
  const text = spy.mock.calls.map((c) => c.join(" ")).join("\n");
  return { code, text };
}

afterEach(() => vi.restoreAllMocks());

describe("reportFailure", () => {
  it("redacts tokens and keys in an internal error", () => {
    const { code, text } = printed(
      new Error("request failed: Authorization: Bearer abc.DEF-123 token ya29.a0AfH6SMsecret"),
    );
    expect(code).toBe(70);
    expect(text).toContain("internal error");
    expect(text).not.toContain("abc.DEF-123");
    expect(text).not.toContain("ya29.a0AfH6SMsecret");
    expect(text).toContain("[redacted token]");
  });

  it("redacts a user error's message and hint, keeping its exit code", () => {
    const key = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----";
    const { code, text } = printed(new UserError(`bad key ${key}`, 1, `"private_key": "MIIEvQ"`));
    expect(code).toBe(1);
    expect(text).not.toContain("MIIEvQ");
    expect(text).toContain("[redacted key]");
  });

  it("usage errors exit 2", () => {
    expect(printed(new UsageError("unknown --format pdf")).code).toBe(2);
  });
});
