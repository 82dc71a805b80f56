// A minimal node:http host for a set of emulator routes (the tests own their options this way:
// fixed clock, key events, latency). One end-to-end test also goes through startEmulator.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, googleErrorBody, type Route } from "../../../src/emulator/http/route.js";

export interface RouteServer {
  port: number;
  close(): Promise<void>;
}

export async function serveRoutes(routes: Route[]): Promise<RouteServer> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    let status = 200;
    let body: unknown;
    try {
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text; // MP must see unparsable bodies too
      }
      const route = routes.find((r) => r.method === req.method && r.pattern.test(path));
      if (!route) throw new ApiError(404, "NOT_FOUND", `no route for ${path}`);
      const params = (route.pattern.exec(path)?.groups ?? {}) as Record<string, string>;
      const out = await route.handle(
        { method: req.method ?? "GET", path, query: url.searchParams, body: parsed, headers: req.headers },
        params,
      );
      status = out.status;
      body = out.body;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      status = e.code;
      body = googleErrorBody(e);
    }
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body === undefined ? "" : JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
