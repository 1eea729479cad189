/**
 * A second connection of one session (mut64's CN-3, fix175): a request that comes alone on it is
 * checked against the session's ids in use, as one on a connection already running requests is,
 * so it cannot take the id of a request still running on the other connection (a cancel naming
 * the id would reach both). The first connection is a Streamable HTTP session over real HTTP on
 * 127.0.0.1; the second is a `Connection` over the same session, resumed by its id, as the
 * constructor allows.
 */
import assert from "node:assert/strict";
import type { RunningServer } from "../server.ts";
import { Connection } from "./connection.ts";
import { cancel, open, post, running, wait, withWait } from "./_mcp_http_test_utils.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A second connection over the session `sessionId` names, and what it sends. */
async function secondConnection(server: RunningServer, sessionId: string) {
  const { services } = server;
  const session = await services.sessions.resume(sessionId, "http");
  assert.ok(session, "the session is live");
  const sent: Array<Record<string, unknown>> = [];
  const deps = {
    dispatcher: server.dispatcher,
    sessions: services.sessions,
    clock: services.clock,
    log: services.log,
    options: {
      maxMessageBytes: 100_000,
      maxBatch: 10,
      maxInflight: 8,
      maxQueuedBytes: 100_000,
      rate: { perSecond: 0, burst: 1 },
    },
  };
  const connection = new Connection(deps, session, {
    outbound: (text) => void sent.push(JSON.parse(text)),
  });
  return { connection, sent, session };
}

Deno.test("a lone request on a second connection of a session may not take an id running on the first (-32600)", async () => {
  await withWait(async (server) => {
    const headers = await open(server);
    const json = { ...headers, Accept: "application/json" };
    // Request 7 runs on the HTTP connection until it is cancelled.
    const pending = post(server, wait(7), json);
    await running(server, json, 7);
    const { connection, sent, session } = await secondConnection(
      server,
      headers["Mcp-Session-Id"]!,
    );
    assert.equal(
      connection.inflight,
      0,
      "the second connection runs nothing: the message comes alone",
    );
    connection.receive(JSON.stringify(wait(7)));
    for (let hops = 0; hops < 5 && sent.length === 0; hops++) await macrotask();
    assert.equal(sent.length, 1, "refused at once");
    assert.equal(sent[0]!.id, 7);
    assert.equal((sent[0]!.error as { code: number }).code, -32600);
    assert.match((sent[0]!.error as { message: string }).message, /id 7 is in use/);
    assert.deepEqual(session.inflightIds(), [7], "the refused request never ran");
    // Another id is free: it runs on the second connection (and its cancel ends it alone).
    connection.receive(JSON.stringify(wait(8)));
    for (let hops = 0; hops < 20 && session.inflightIds().length < 2; hops++) await macrotask();
    assert.deepEqual(session.inflightIds().sort(), [7, 8]);
    connection.receive(JSON.stringify(cancel(8)));
    for (let hops = 0; hops < 20 && connection.inflight > 0; hops++) await macrotask();
    assert.equal(connection.inflight, 0);
    assert.deepEqual(session.inflightIds(), [7], "one cancel ended one request");
    // The first connection's request still answers its own cancel.
    (await post(server, cancel(7), headers)).body?.cancel();
    const answered = await (await pending).json();
    assert.equal(answered.id, 7);
    assert.equal(answered.error.code, -32800);
    assert.equal(sent.length, 1, "the cancelled request 8 got no answer (MCP)");
  });
});

Deno.test("a request alone on a second connection takes an id once the session no longer uses it", async () => {
  await withWait(async (server) => {
    const headers = await open(server);
    const json = { ...headers, Accept: "application/json" };
    const pending = post(server, wait(7), json);
    await running(server, json, 7);
    await (await post(server, cancel(7), headers)).body?.cancel();
    await (await pending).body?.cancel();
    const { connection, session } = await secondConnection(server, headers["Mcp-Session-Id"]!);
    assert.equal(session.usesIds, false);
    connection.receive(JSON.stringify(wait(7)));
    for (let hops = 0; hops < 20 && session.inflightIds().length < 1; hops++) await macrotask();
    assert.deepEqual(session.inflightIds(), [7], "admitted: the id is free again");
    connection.close("test over");
    for (let hops = 0; hops < 20 && connection.inflight > 0; hops++) await macrotask();
  });
});
