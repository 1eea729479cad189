/**
 * Turns on Streamable HTTP: one session's heavy POSTs do not stall another session's request,
 * and a request of a session waiting for its turn that the client cancels never runs and is
 * answered -32800 (a POSTed request must be answered). Real HTTP on 127.0.0.1; counts, not times.
 */
import assert from "node:assert/strict";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { startTestServer } from "./_helpers.ts";
import { fairServer, HEAVY, heavy, holdAndNote } from "./_fair_turns.ts";

/**
 * Looser than a WebSocket's bound (tests/_fair_turns.ts): a new HTTP request takes several
 * reads before it runs (the request's head, then its body, each a poll of the runtime, which
 * polls sockets only every few dozen wake-ups while timers are ready), and between them the busy
 * session's turns go on. Three quarters of the load still tells the turns from none: without
 * them the request came after all 50; with them after 4-32 in 8 runs at load 20-30.
 */
const HTTP_BOUND = Math.floor(HEAVY * 3 / 4);
import { open, post } from "../core/server/transport/_mcp_http_test_utils.ts";

/**
 * A POST whose TCP connection is opened now and whose bytes are written in one piece by `send`:
 * the server then reads it in one go, as a WebSocket frame is, and no connection set-up of the
 * test's own client (in this process, behind the same event loop) counts in what it waited.
 */
async function preparedPost(url: string, body: unknown, headers: Record<string, string>) {
  const target = new URL(url);
  const text = JSON.stringify(body);
  const head = [
    `POST ${target.pathname} HTTP/1.1`,
    `Host: ${target.host}`,
    "Connection: close",
    "Content-Type: application/json",
    "Accept: application/json",
    `Content-Length: ${new TextEncoder().encode(text).length}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join("\r\n");
  const connection = await Deno.connect({ hostname: target.hostname, port: Number(target.port) });
  return {
    /** Sends the request; resolves to its JSON answer. */
    async send(): Promise<Record<string, unknown>> {
      await connection.write(new TextEncoder().encode(`${head}\r\n\r\n${text}`));
      let answer = "";
      const decoder = new TextDecoder();
      for await (const chunk of connection.readable) {
        answer += decoder.decode(chunk, { stream: true });
      }
      return JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
    },
  };
}

Deno.test("another HTTP session's request is served after a bounded number of 50 heavy POSTs", async () => {
  const { server, open: loaded } = await fairServer();
  try {
    const busy = await open(server);
    const cheap = await preparedPost(
      server.mcpUrl,
      { jsonrpc: "2.0", id: 1, method: "test.cheap" },
      await open(server),
    );
    const all = Promise.all(
      Array.from(
        { length: HEAVY },
        (_, n) => post(server, heavy(n + 1), busy).then((response) => response.json()),
      ),
    );
    await loaded;
    const answer = await cheap.send();
    const before = (answer.result as { heavy_finished: number }).heavy_finished;
    if (Deno.env.get("TEST_LOG")) console.log(`  cheap request served after ${before} heavy`);
    assert.ok(
      before <= HTTP_BOUND,
      `served after ${before} of ${HEAVY} heavy requests (at most ${HTTP_BOUND})`,
    );
    const replies = await all;
    assert.equal(replies.filter((reply) => reply.result !== undefined).length, HEAVY);
  } finally {
    await server.shutdown();
  }
});

Deno.test("an HTTP request waiting for its session's turn that the client cancels never runs; its POST is answered -32800", async () => {
  const server = await startTestServer();
  const { holding, ran } = holdAndNote(server);
  try {
    const session = await open(server);
    const request = (id: number, method: string, params: unknown = {}) =>
      post(server, { jsonrpc: "2.0", id, method, params }, session);
    const held = Array.from(
      { length: RUNNING_PER_CONNECTION },
      (_, n) => request(n + 1, "test.hold"),
    );
    while (holding.length < RUNNING_PER_CONNECTION) await new Promise((r) => setTimeout(r, 5));
    let answer: { error?: { code: number } } | undefined;
    request(11, "test.noted", { n: 11 }).then(async (response) => answer = await response.json());
    // POSTs are not read in order: the cancel is sent again until the request was waiting when
    // one came (every turn stays held meanwhile, so it cannot have run).
    for (let tries = 0; answer === undefined; tries++) {
      // Bounded: by then the request has long arrived, and a cancel that works has answered it.
      assert.ok(
        tries < 200,
        "the waiting request was never answered: the cancels did not take it out",
      );
      const cancel = {
        jsonrpc: "2.0",
        method: "notifications/cancelled",
        params: { requestId: 11 },
      };
      const response = await post(server, cancel, session);
      assert.equal(response.status, 202);
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(answer.error?.code, -32800);
    for (const end of holding.splice(0)) end();
    for (const response of await Promise.all(held)) await response.body?.cancel();
    await (await request(12, "test.noted", { n: 12 })).body?.cancel();
    assert.deepEqual(ran, [12], "the cancelled request never ran");
  } finally {
    await server.shutdown();
  }
});
