/**
 * `notifications/cancelled` naming a request whose id is an integer beyond 2^53 cancels that
 * request, on the WebSocket, Streamable HTTP and stdio: the cancel's `requestId` is kept digit
 * for digit as the request's id is (a double would round both, and they would no longer match),
 * and a second request with the same id is refused while the first runs (-32600).
 */
import assert from "node:assert/strict";
import {
  RpcClient,
  startTestServer,
  testConfig,
  testLogger,
  waitUntilCancelled,
} from "./_helpers.ts";
import { open, post } from "../core/server/transport/_mcp_http_test_utils.ts";
import { buildServer } from "../core/server/server.ts";
import { serveStdio } from "../core/server/transport/stdio.ts";

const LONG = "9007199254740993"; // 2^53 + 1: a double rounds it to ...992
const wait = `{"jsonrpc":"2.0","id":${LONG},"method":"test.wait","params":{}}`;
const ping = `{"jsonrpc":"2.0","id":${LONG},"method":"ping"}`;
const cancel =
  `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":${LONG}}}`;

const refusedAsInFlight = (reply: string) => reply.includes('"code":-32600');

/**
 * Sends `ping` with the long id (through `ask`, which answers its reply's text) until its answer
 * is `wanted` (refused as an id in flight: the waiting request runs; answered: it was
 * cancelled). Bounded: a duplicate never refused, or a cancel that never matches, fails here.
 */
async function pingUntil(
  ask: (text: string) => Promise<string>,
  wanted: "refused" | "answered",
): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const reply = await ask(ping);
    if (refusedAsInFlight(reply) === (wanted === "refused")) return reply;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`ping ${LONG} was never ${wanted}`);
}

Deno.test("WebSocket: notifications/cancelled with an id beyond 2^53 cancels its request", async () => {
  const server = await startTestServer();
  server.dispatcher.registry.add(waitUntilCancelled("test.wait"));
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  const texts: string[] = [];
  client.socket.addEventListener("message", (event) => texts.push(event.data as string));
  const ask = async (text: string) => {
    await client.sendRaw(text);
    return texts.at(-1)!;
  };
  try {
    client.socket.send(wait);
    assert.match(await pingUntil(ask, "refused"), new RegExp(`"id":${LONG}`));
    client.socket.send(cancel);
    assert.equal(await pingUntil(ask, "answered"), `{"jsonrpc":"2.0","id":${LONG},"result":{}}`);
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("Streamable HTTP: notifications/cancelled with an id beyond 2^53 answers its request -32800", async () => {
  const server = await startTestServer();
  server.dispatcher.registry.add(waitUntilCancelled("test.wait"));
  try {
    const headers = await open(server);
    const json = { ...headers, Accept: "application/json" };
    const pending = post(server, wait, json);
    const ask = async (text: string) => await (await post(server, text, json)).text();
    await pingUntil(ask, "refused");
    const accepted = await post(server, cancel, headers);
    assert.equal(accepted.status, 202);
    await accepted.body?.cancel();
    await pingUntil(ask, "answered");
    const answered = await pending;
    assert.equal(answered.status, 200);
    assert.match(
      await answered.text(),
      new RegExp(`^\\{"jsonrpc":"2.0","id":${LONG},"error":\\{"code":-32800`),
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("stdio: notifications/cancelled with an id beyond 2^53 cancels its request", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  app.dispatcher.registry.add(waitUntilCancelled("test.wait"));
  const input = new TransformStream<Uint8Array, Uint8Array>();
  const writer = input.writable.getWriter();
  const encoder = new TextEncoder();
  const replies: string[] = [];
  let heard: () => void = () => {};
  const output = new WritableStream<Uint8Array>({
    write(chunk) {
      replies.push(new TextDecoder().decode(chunk).trimEnd());
      heard();
    },
  });
  const served = serveStdio(app.connections, { input: input.readable, output });
  const ask = async (text: string) => {
    const next = new Promise<void>((resolve) => heard = resolve);
    await writer.write(encoder.encode(text + "\n"));
    await next;
    return replies.at(-1)!;
  };
  try {
    await writer.write(encoder.encode(wait + "\n"));
    await pingUntil(ask, "refused");
    await writer.write(encoder.encode(cancel + "\n"));
    assert.equal(await pingUntil(ask, "answered"), `{"jsonrpc":"2.0","id":${LONG},"result":{}}`);
  } finally {
    await writer.close();
    await served;
    await app.services.db.close();
  }
});

Deno.test("a requestId beyond 2^53 in a memory's metadata is stored as the number it is, not as raw JSON", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  const long = "123456789012345678901";
  try {
    const { personas } = await client.call<{ personas: Array<{ id: string }> }>("persona.list", {});
    const stored = await client.sendRaw(
      `{"jsonrpc":"2.0","id":"s1","method":"memory.store","params":{"persona_id":"${
        personas[0]!.id
      }","content":"The lighthouse is red","metadata":{"requestId":${long},"other":${long}}}}`,
    ) as { result: { memory_id: string } };
    const { memories } = await client.call<
      { memories: Array<{ id: string; metadata: Record<string, unknown> }> }
    >("memory.list", { persona_id: personas[0]!.id });
    const memory = memories.find(({ id }) => id === stored.result.memory_id)!;
    // What JSON.parse makes of the digits, as `other` is: never `{"rawJSON": "..."}`.
    assert.deepEqual(memory.metadata, { requestId: Number(long), other: Number(long) });
  } finally {
    await client.close();
    await server.shutdown();
  }
});
