/**
 * attack5 F9: a POSTed request cancelled by `notifications/cancelled` is answered 200 with the
 * -32800 error (never 202, which is for notifications), as JSON or at the end of its SSE stream;
 * a request reusing the id of one still running in the session is refused (-32600), so one
 * cancel ends one request. Over real HTTP.
 */
import assert from "node:assert/strict";
import {
  BATCH_REVISION,
  cancel,
  open,
  post,
  running,
  wait,
  withServer,
  withWait,
} from "./_mcp_http_test_utils.ts";

Deno.test("legacy HTTP: a cancelled request gets 200 and -32800 (JSON)", async () => {
  await withWait(async (server) => {
    const headers = await open(server);
    const json = { ...headers, Accept: "application/json" };
    const pending = post(server, wait(9), json);
    await running(server, json, 9);
    const cancelled = await post(server, cancel(9), headers);
    assert.equal(cancelled.status, 202, "the notification itself is accepted");
    await cancelled.body?.cancel();
    const answered = await pending;
    assert.equal(answered.status, 200);
    const body = await answered.json();
    assert.equal(body.id, 9);
    assert.equal(body.error.code, -32800);
  });
});

Deno.test("legacy HTTP: a cancelled request on an SSE stream ends it with -32800", async () => {
  await withWait(async (server) => {
    const headers = await open(server);
    const pending = post(server, wait(4), headers);
    await running(server, headers, 4);
    await (await post(server, cancel(4), headers)).body?.cancel();
    const answered = await pending;
    assert.equal(answered.status, 200);
    const text = await answered.text();
    const type = answered.headers.get("content-type") ?? "";
    const body = type.includes("event-stream")
      ? JSON.parse(text.split("\n").find((line) => line.startsWith("data: "))!.slice(6))
      : JSON.parse(text);
    assert.equal(body.error.code, -32800);
  });
});

Deno.test("legacy HTTP: an id in flight is refused (-32600); the cancel ends the first alone", async () => {
  await withWait(async (server) => {
    const headers = await open(server);
    const first = post(server, wait(7), headers);
    await running(server, headers, 7);
    const twice = await post(server, wait(7), headers);
    assert.equal(twice.status, 200);
    const refused = await twice.json();
    assert.equal(refused.error.code, -32600);
    assert.match(refused.error.message, /id 7 is in use/);
    // Another session may use the same id: ids are per session.
    const other = await open(server);
    const elsewhere = post(server, wait(7), other);
    await running(server, other, 7);
    await (await post(server, cancel(7), headers)).body?.cancel();
    assert.equal((await (await first).text()).includes("-32800"), true);
    // The other session's request still runs until its own cancel.
    await running(server, other, 7);
    await (await post(server, cancel(7), other)).body?.cancel();
    assert.equal((await (await elsewhere).text()).includes("-32800"), true);
    // Once answered, the id is free again.
    const reused = post(server, wait(7), headers);
    await running(server, headers, 7);
    await (await post(server, cancel(7), headers)).body?.cancel();
    assert.equal((await reused).status, 200);
    await (await reused).body?.cancel();
  });
});

Deno.test("legacy HTTP: a batch's cancelled request gets -32800 beside the others' answers", async () => {
  await withWait(async (server) => {
    const headers = await open(server, BATCH_REVISION);
    const batch = post(server, [wait(5), { jsonrpc: "2.0", id: 6, method: "ping" }], headers);
    await running(server, headers, 5);
    await (await post(server, cancel(5), headers)).body?.cancel();
    const answered = await batch;
    assert.equal(answered.status, 200);
    const body = await answered.json() as { id: number; error?: { code: number } }[];
    assert.deepEqual(body.map((r) => [r.id, r.error?.code ?? "ok"]).sort(), [[5, -32800], [
      6,
      "ok",
    ]]);
  });
});

Deno.test("legacy HTTP: a batch over MAX_BATCH is the one -32600 it was, not a cancel per request", async () => {
  await withServer(async (server) => {
    const headers = await open(server, BATCH_REVISION);
    const pings = [1, 2, 3].map((id) => ({ jsonrpc: "2.0", id, method: "ping" }));
    const answered = await post(server, pings, headers);
    assert.equal(answered.status, 200);
    const body = await answered.json() as { error?: { code: number; data?: unknown } };
    assert.ok(!Array.isArray(body), "one error for the whole batch");
    assert.equal(body.error?.code, -32600);
    assert.match(JSON.stringify(body.error?.data), /2/, "it says the limit");
    // Repeated ids do not shrink a batch under the cap: still the one error, nothing run.
    const repeated = [1, 1, 2].map((id) => ({ jsonrpc: "2.0", id, method: "ping" }));
    const again = await (await post(server, repeated, headers)).json();
    assert.ok(!Array.isArray(again), "a batch of 3 with a repeated id is refused whole");
    assert.equal(again.error?.code, -32600);
    // At the cap it runs: its repeated id is one answer and one -32600, not two pings under id 1.
    const atCap = [1, 1].map((id) => ({ jsonrpc: "2.0", id, method: "ping" }));
    const both = await (await post(server, atCap, headers)).json() as {
      id: number;
      error?: { code: number };
    }[];
    assert.deepEqual(both.map((r) => [r.id, r.error?.code ?? "ok"]).sort(), [[1, -32600], [
      1,
      "ok",
    ]]);
  }, { MAX_BATCH: "2" });
});

Deno.test("legacy HTTP: a batch's request with an id in flight is refused (-32600), not run", async () => {
  await withWait(async (server) => {
    const headers = await open(server, BATCH_REVISION);
    const first = post(server, wait(7), headers);
    await running(server, headers, 7);
    const ping = (id: number) => ({ jsonrpc: "2.0", id, method: "ping" });
    // Id 7 runs; the batch's second 8 repeats its own first.
    const batch = await post(server, [ping(7), ping(8), ping(8)], headers);
    assert.equal(batch.status, 200);
    const body = await batch.json() as { id: number; error?: { code: number; message: string } }[];
    assert.deepEqual(
      body.map((r) => [r.id, r.error?.code ?? "ok"]).sort(),
      [[7, -32600], [8, -32600], [8, "ok"]],
    );
    assert.match(body.find((r) => r.id === 7)!.error!.message, /id 7 is in use/);
    // The first request still runs until its cancel.
    await (await post(server, cancel(7), headers)).body?.cancel();
    assert.equal((await (await first).json()).error.code, -32800);
    // A batch of ids all in flight runs nothing and still answers (never a 202).
    const again = post(server, wait(9), headers);
    await running(server, headers, 9);
    const refused = await post(server, [ping(9)], headers);
    assert.deepEqual((await refused.json()).map((r: { error: { code: number } }) => r.error.code), [
      -32600,
    ]);
    await (await post(server, cancel(9), headers)).body?.cancel();
    await (await again).body?.cancel();
  });
});
