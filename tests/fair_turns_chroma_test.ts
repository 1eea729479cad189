/**
 * A request waiting on Chroma holds no turn of its connection (core/turn_away.ts): each HTTP
 * call of the Chroma store gives the turn back and takes it again before the store goes on;
 * and over a real WebSocket, a socket whose requests all wait on Chroma still answers a `ping`
 * sent after them. A real Chroma server, reached through a pass-through HTTP proxy that holds
 * every call until the test lets them go (Chroma itself answers at once). An order, not a time.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { ChromaBackend } from "../core/memory/chroma_backend.ts";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { defineHandler } from "../core/server/define_handler.ts";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { loggedClaim } from "../core/testing/logged_claim.ts";
import { holdingTurn } from "../core/turn_away.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";

/** Lets Chroma's calls go if the ping is never answered, so that the failing case ends. */
const VALVE_MS = 30_000;

/** An HTTP proxy to `target` that forwards each call once `open` resolves, counting arrivals. */
function holdingProxy(target: string, open: Promise<void>) {
  const arrived = { calls: 0, wake: () => {} };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    arrived.calls++;
    arrived.wake();
    const body = req.body === null ? undefined : await req.arrayBuffer();
    await open;
    const url = new URL(req.url);
    const answer = await fetch(`${target}${url.pathname}${url.search}`, {
      method: req.method,
      headers: req.headers,
      body,
    });
    return new Response(await answer.arrayBuffer(), {
      status: answer.status,
      headers: answer.headers,
    });
  });
  const until = async (calls: number) => {
    while (arrived.calls < calls) await new Promise<void>((resolve) => arrived.wake = resolve);
  };
  return { url: `http://127.0.0.1:${server.addr.port}`, until, stop: () => server.shutdown() };
}

function settingsFor(url: string) {
  // A real server on a loaded machine: no test here is about time.
  return {
    url,
    tenant: "default_tenant",
    database: "default_database",
    token: "",
    timeoutMs: 60_000,
  };
}

Deno.test({
  name: "a Chroma store's calls give the turn back while they wait, over a real socket too",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  const chroma = await startChromaServer();
  try {
    await t.step("each HTTP call leaves the turn and takes it back", async () => {
      const backend = new ChromaBackend(settingsFor(chroma.url));
      const log: string[] = [];
      const count = await holdingTurn(loggedClaim(log), () => backend.count("nobody"));
      assert.equal(count, 0);
      assert.ok(log.length >= 2, `leaves and comes back: ${log.join(", ")}`);
      assert.deepEqual(log, log.map((_, n) => n % 2 === 0 ? "leave" : "back"));
    });

    await t.step(
      "requests waiting on Chroma leave a ping on the same socket its turn",
      async () => {
        let release!: () => void;
        const released = new Promise<void>((resolve) => release = resolve);
        const proxy = holdingProxy(chroma.url, released);
        const server = await startTestServer();
        const backend = new ChromaBackend(settingsFor(proxy.url));
        server.dispatcher.registry.add(defineHandler({
          method: "test.chroma_count",
          description: "Counts a persona's memories in Chroma",
          params: z.strictObject({}),
          handle: async () => ({ count: await backend.count("nobody") }),
        }));
        const client = await RpcClient.connect(server.wsUrl);
        const valve = setTimeout(release, VALVE_MS);
        try {
          const answered: string[] = [];
          // One past the socket's turns: the last reaches Chroma only once others gave theirs back.
          const counts = Array.from(
            { length: RUNNING_PER_CONNECTION + 1 },
            (_, n) =>
              client.request("test.chroma_count", {}, `count-${n}`).then((reply) => {
                answered.push(`count-${n}`);
                return reply;
              }),
          );
          await proxy.until(RUNNING_PER_CONNECTION);
          const pong = await client.request("ping", undefined, "ping");
          answered.push("ping");
          release();
          const replies = await Promise.all(counts);
          assert.equal(answered[0], "ping", `answered in order ${answered.join(", ")}`);
          assert.ok("result" in pong);
          assert.ok(
            replies.every((reply) => "result" in reply),
            "every count ran after",
          );
        } finally {
          clearTimeout(valve);
          await client.close();
          await server.shutdown();
          await proxy.stop();
        }
      },
    );
  } finally {
    await chroma.stop();
  }
});
