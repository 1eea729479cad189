/**
 * A client that closes its connection in the middle of a request body, on the REST API and on
 * Streamable HTTP: an abort, logged at debug level, never "Internal error" (attack2 report, 10a).
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { delay, testConfig } from "./_helpers.ts";

/** Sends a request announcing 100 bytes of body, one byte of it, then closes the connection. */
async function abandonBody(url: string): Promise<void> {
  const target = new URL(url);
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: Number(target.port) });
  await conn.write(new TextEncoder().encode(
    `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n` +
      "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n" +
      "Content-Length: 100\r\n\r\n{",
  ));
  await delay(200);
  conn.close();
}

Deno.test("a client closing mid-body is logged as an abort, not as an internal error", async () => {
  const lines: string[] = [];
  const log = createLogger("debug", { write: (line) => lines.push(line) });
  const server = await startServer(testConfig(), { log });
  try {
    for (const url of [`${server.apiUrl}/personas`, server.mcpUrl]) {
      const before = lines.length;
      await abandonBody(url);
      const settled = () =>
        lines.slice(before).some((line) =>
          line.includes("ERROR") || line.includes("body not received")
        );
      // Bounded: a path that never logs fails here instead of hanging the suite.
      for (let tries = 0; tries < 500 && !settled(); tries++) await delay(20);
      assert.ok(settled(), `${url}: the abandoned body was never logged`);
      const logged = lines.slice(before).join("\n");
      assert.doesNotMatch(logged, /ERROR/, url);
      assert.match(logged, /DEBUG Client closed the connection before its body arrived/, url);
    }
  } finally {
    await server.shutdown();
  }
});
