/**
 * review20 #6: an HTTP client that leaves cancels its call whenever it leaves: while the chat
 * streams from the model (the model server sees its request dropped, nothing of it is stored),
 * and before an MCP Streamable HTTP exchange even began (the request's signal already aborted).
 * Queued chats: tests/client_gone_test.ts.
 */
import assert from "node:assert/strict";
import { delay, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { type GiveUp, mcpToolsCall, restChat } from "./_give_up.ts";
import { answer } from "../core/server/transport/mcp_http_reply.ts";
import type { Connection } from "../core/server/transport/connection.ts";
import type { Logger } from "../core/log.ts";

async function abandonedWhileStreaming(giveUp: GiveUp): Promise<void> {
  // About 4 s of tokens: a chat not cancelled would still be streaming when the test looks.
  const fake = FakeOllama.start({ tokenDelayMs: 200, reply: () => "word ".repeat(20).trim() });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  try {
    const aria = await server.services.personas.resolve("aria");
    const client = new AbortController();
    const gaveUp = giveUp(server, aria.id, client.signal).catch(() => "aborted");
    await fake.waitForChats(1);
    await delay(300); // tokens are flowing
    client.abort();
    assert.equal(await gaveUp, "aborted");
    const dropped = await Promise.race([
      fake.waitForAbandoned(1).then(() => true),
      delay(2_000).then(() => false),
    ]);
    assert.ok(dropped, "the model's stream was dropped, not read to its end");
    const history = await (await fetch(`${server.apiUrl}/personas/${aria.id}/history`)).json();
    assert.doesNotMatch(JSON.stringify(history), /given up/, "nothing of it was stored");
  } finally {
    await server.shutdown();
    await fake.stop();
  }
}

Deno.test("REST chat: a client that leaves while the reply streams from the model cancels it", async () => {
  await abandonedWhileStreaming(restChat);
});

Deno.test("MCP HTTP tools/call (JSON): a client that leaves while the reply streams cancels it", async () => {
  await abandonedWhileStreaming(mcpToolsCall);
});

Deno.test("MCP HTTP: a client gone before the exchange began has its request cancelled at once", async () => {
  const cancels: unknown[] = [];
  const ended = Promise.withResolvers<Record<string, unknown> | undefined>();
  // Answers on its own after 2 s: a request nobody cancels would get this answer.
  const timer = setTimeout(() => ended.resolve({ jsonrpc: "2.0", id: 7, result: "ran" }), 2_000);
  const connection = {
    session: {
      id: "s",
      inflightIds: () => [],
      idsInUse: () => [],
      cancel: (id: unknown) => {
        cancels.push(id);
        ended.resolve(undefined); // cancelled: MCP answers nothing, HTTP gets -32800
      },
    },
    exchange: () => ended.promise,
    // Not waiting for a turn (fair42): the cancel goes to the running request.
    cancelWaiting: () => false,
  } as unknown as Connection;
  const log = { error: () => {} } as unknown as Logger;
  const client = new AbortController();
  client.abort();
  const request = new Request("http://127.0.0.1/mcp", {
    method: "POST",
    headers: { Accept: "application/json" },
    signal: client.signal,
  });
  try {
    const message = { jsonrpc: "2.0", id: 7, method: "test.wait" } as const;
    const response = await answer({ request, message, connection, log });
    assert.deepEqual(cancels, [7], "cancelled as the exchange began");
    const body = await response.json();
    assert.equal(body.error?.code, -32800, "answered as cancelled, not run to its end");
  } finally {
    clearTimeout(timer);
  }
});
