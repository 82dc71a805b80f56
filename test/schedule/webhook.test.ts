import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { slackMessage } from "../../src/schedule/slack-message.js";
import { postWebhook } from "../../src/schedule/webhook.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

interface Received {
  body: unknown;
  contentType?: string;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  const received: Received[] = [];
  // Counted when the request line arrives: a client that gives up mid-body still made the attempt.
  const arrivals = { count: 0 };
  const server = createServer((req, res) => {
    arrivals.count++;
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString()),
        contentType: req.headers["content-type"],
      });
      handler(req, res, received.length);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  // The path stands in for a Slack token: it must never appear in results.
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/SECRETTOKEN`,
    origin: `http://127.0.0.1:${port}`,
    received,
    arrivals,
  };
}

const message = slackMessage(
  { title: "microgoals report", period: "2024-01-01 – 2024-01-28", lines: ["a → b: 10%"] },
  [],
);
const fast = { backoffMs: 1, timeoutMs: 2000 };

describe("postWebhook", () => {
  it("posts the Slack payload as JSON", async () => {
    const s = await serve((_q, res) => res.end("ok"));
    const result = await postWebhook(s.url, message, fast);
    expect(result).toEqual({ ok: true, attempts: 1, status: 200, target: s.origin });
    expect(s.received).toHaveLength(1);
    expect(s.received[0].contentType).toBe("application/json");
    expect(s.received[0].body).toEqual(message);
  });

  it("retries a server error and succeeds", async () => {
    const s = await serve((_q, res, n) => {
      res.statusCode = n === 1 ? 500 : 200;
      res.end();
    });
    const result = await postWebhook(s.url, message, fast);
    expect(result).toMatchObject({ ok: true, attempts: 2, status: 200 });
    expect(s.received).toHaveLength(2);
  });

  it("gives up after the retries when the server never answers in time", async () => {
    const s = await serve(() => {}); // holds every request open
    const result = await postWebhook(s.url, message, { backoffMs: 1, timeoutMs: 300, retries: 1 });
    expect(result).toMatchObject({ ok: false, attempts: 2, error: "timed out after 300 ms" });
    expect(s.arrivals.count).toBe(2);
  });

  it("reports a refused connection without throwing", async () => {
    const s = await serve((_q, res) => res.end());
    const server = servers.pop()!;
    await new Promise((r) => server.close(r)); // nothing listens on the port any more
    const result = await postWebhook(s.url, message, { ...fast, retries: 2 });
    expect(result).toMatchObject({ ok: false, attempts: 3, error: "ECONNREFUSED", target: s.origin });
  });

  it("does not retry a client error, and never reveals the URL's secret path", async () => {
    const s = await serve((_q, res) => {
      res.statusCode = 404;
      res.end("no_service");
    });
    const result = await postWebhook(s.url, message, fast);
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 404, error: "HTTP 404" });
    expect(JSON.stringify(result)).not.toContain("SECRETTOKEN");
  });

  it("rejects a non-http URL without leaking it", async () => {
    const result = await postWebhook("file:///SECRETTOKEN", message, fast);
    expect(result).toMatchObject({ ok: false, attempts: 0, error: "not an http(s) URL" });
    expect(JSON.stringify(result)).not.toContain("SECRETTOKEN");
  });
});

describe("slackMessage", () => {
  it("puts the alert count in the headline and escapes mrkdwn", () => {
    const alert = {
      kind: "pair" as const,
      subject: "a → b",
      rules: ["drop>=20%"],
      before: { n: 1, conversions: 1, rate: 1, low: 0, high: 1 },
      after: { n: 1, conversions: 0, rate: 0, low: 0, high: 1 },
      relativeChange: -1,
      pointChange: -1,
      pValue: 0.01,
      qValue: 0.01,
      message: "a → b fell <fast> & hard",
    };
    const m = slackMessage({ title: "T", period: "P", lines: [] }, [alert]);
    expect(m.text).toBe("T: 1 alert (P)\n- a → b fell &lt;fast&gt; &amp; hard");
    expect(m.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "T: 1 alert (P)" } });
    expect(JSON.stringify(m.blocks[1])).toContain("a → b fell &lt;fast&gt; &amp; hard");
    expect(slackMessage({ title: "T", period: "P", lines: [] }, []).text).toBe(
      "T: no significant changes (P)",
    );
  });
});

describe("hostile and secret inputs", () => {
  it("escapes the title everywhere: no @channel through a project name", () => {
    const m = slackMessage(
      {
        title: "report: <!channel> <@U123> <http://evil.example|click> & co",
        period: "P",
        lines: ["<!here>"],
      },
      [],
    );
    const payload = JSON.stringify(m);
    expect(payload).not.toMatch(/<[!@h]/);
    expect(m.text).toContain("&lt;!channel&gt;");
    expect(JSON.stringify(m.blocks[0])).toContain("&lt;!channel&gt;");
  });

  it("keeps within Slack's limits after escaping, without cutting an entity", () => {
    const m = slackMessage({ title: "<".repeat(400), period: "P", lines: [] }, []);
    const header = (m.blocks[0] as { text: { text: string } }).text.text;
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).toMatch(/^(&lt;)+…?$/);
  });

  it("sends user info as Basic auth and never prints it", async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const result = await postWebhook(
      `http://alice:s3cr%40t@127.0.0.1:${port}/hook/SECRETTOKEN`,
      message,
      fast,
    );
    expect(result).toMatchObject({ ok: true, target: `http://127.0.0.1:${port}` });
    expect(seen).toEqual([`Basic ${Buffer.from("alice:s3cr@t").toString("base64")}`]);
  });

  it("names only the origin when a URL with user info cannot be reached", async () => {
    const s = await serve((_q, res) => res.end());
    const server = servers.pop()!;
    await new Promise((r) => server.close(r));
    const url = s.url.replace("http://", "http://alice:hunter2@");
    const result = await postWebhook(url, message, { ...fast, retries: 0 });
    expect(result).toMatchObject({ ok: false, target: s.origin });
    const printed = JSON.stringify(result);
    expect(printed).not.toContain("hunter2");
    expect(printed).not.toContain("alice");
    expect(printed).not.toContain("SECRETTOKEN");
  });
});
