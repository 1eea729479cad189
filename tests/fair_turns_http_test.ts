/**
 * Turns on Streamable HTTP: one session's heavy POSTs do not stall another session's request,
 * and a request of a session waiting for its turn that the client cancels never runs and is
 * answered -32800 (a POSTed request must be answered). Real HTTP on 127.0.0.1; counts, not times:
 * the busy session's requests are held until the test lets them go, and the other session's
 * request is sent once all of them have reached their session (`httpConnectionOf`), so what it
 * sees is how many of them its session's turns let start.
 */
import assert from "node:assert/strict";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { startTestServer } from "./_helpers.ts";
import { HEAVY, holdAndNote } from "./_fair_turns.ts";
import { z } from "zod";
import { defineHandler } from "../core/server/define_handler.ts";
import { open, post } from "../core/server/transport/_mcp_http_test_utils.ts";
import { httpConnectionOf } from "../core/server/transport/mcp_http_sessions.ts";
import type { Connection } from "../core/server/transport/connection.ts";
import type { RunningServer } from "../core/server/server.ts";

/** How many times the test looks for the busy session's POSTs to arrive (a bound, not a time). */
const ARRIVAL_LOOKS = 30_000;

/** The connection of the Streamable HTTP session whose request `headers` name. */
function connectionOf(server: RunningServer, headers: Record<string, string>): Connection {
  const id = headers["Mcp-Session-Id"];
  const session = server.services.sessions.all().find((session) => session.id === id);
  const connection = session && httpConnectionOf(session);
  assert.ok(connection, `session ${id} has a connection`);
  return connection;
}

Deno.test("another HTTP session's request runs while only the busy session's turns of its 50 POSTs have started", async () => {
  const server = await startTestServer();
  const { holding } = holdAndNote(server);
  server.dispatcher.registry.add(defineHandler({
    method: "test.started",
    description: "Answers how many held requests have started",
    params: z.strictObject({}),
    handle: () => ({ started: holding.length }),
  }));
  try {
    const busy = await open(server);
    const other = await open(server);
    let answered = 0;
    const all = Array.from(
      { length: HEAVY },
      (_, n) =>
        post(server, { jsonrpc: "2.0", id: n + 1, method: "test.hold", params: {} }, busy)
          .then((response) => response.json())
          .then((reply) => (answered++, reply)),
    );
    // Waits by count until every POST has reached its session (running, or waiting for a turn):
    // on a server without turns, all of them would have started by then. Bounded: a POST that
    // never arrives fails the test here rather than hang it.
    const busyConnection = connectionOf(server, busy);
    for (let look = 0; busyConnection.inflight < HEAVY; look++) {
      assert.ok(look < ARRIVAL_LOOKS, `only ${busyConnection.inflight} of ${HEAVY} POSTs arrived`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const cheap = await post(server, { jsonrpc: "2.0", id: 1, method: "test.started" }, other);
    const { started } = (await cheap.json()).result as { started: number };
    // Held requests keep their turns: the other 46 POSTs wait in their session's queue.
    assert.equal(started, RUNNING_PER_CONNECTION, "the busy session ran no more than its turns");
    // Let them all go, as they start (each ended hold frees a turn for the next).
    for (let look = 0; answered < HEAVY && look < 100_000; look++) {
      for (const end of holding.splice(0)) end();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const replies = await Promise.all(all);
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
