// Preloaded with `node --import`: records every module URL the process resolves into the file named
// by RECORD_IMPORTS, so a test can prove which libraries a command loads.

import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
port1.on("message", (url) => appendFileSync(process.env.RECORD_IMPORTS, `${url}\n`));
port1.unref();
register(
  "data:text/javascript," +
    encodeURIComponent(`
      let port;
      export function initialize(data) { port = data.port; }
      export async function resolve(specifier, context, next) {
        const result = await next(specifier, context);
        port.postMessage(result.url);
        return result;
      }`),
  import.meta.url,
  { data: { port: port2 }, transferList: [port2] },
);
