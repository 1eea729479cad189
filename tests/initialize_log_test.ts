/**
 * `initialize` logs the MCP client's name and version and the revision it asked, cut as every echo
 * of a client's own text is (`echoed`, 200 characters and "…"): each may be as long as the request.
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { ECHO_MAX } from "../core/text_cut.ts";
import { RpcClient, testConfig } from "./_helpers.ts";

Deno.test("initialize logs a long client name, version and asked revision cut to ECHO_MAX", async () => {
  const lines: string[] = [];
  const log = createLogger("info", { write: (line) => lines.push(line) });
  const server = await startServer(testConfig({}), { log });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("initialize", {
      protocolVersion: `2025-06-18${"x".repeat(100_000)}`,
      capabilities: {},
      clientInfo: { name: "n".repeat(300_000), version: "v".repeat(100_000) },
    });
    const [line, ...more] = lines.filter((one) => one.includes(" INFO MCP client initialized"));
    assert.equal(more.length, 0);
    assert.ok(line!.length < 4 * ECHO_MAX, `${line!.length} characters logged`);
    assert.ok(line!.includes(` client="${"n".repeat(ECHO_MAX)}… ${"v".repeat(ECHO_MAX)}…"`), line);
    assert.ok(line!.includes(` asked="2025-06-18${"x".repeat(ECHO_MAX - 10)}…"`), line);
  } finally {
    await client.close();
    await server.shutdown();
  }
});
