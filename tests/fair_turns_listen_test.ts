/**
 * An open `subscriptions/listen` holds none of its connection's turns while it waits for changes
 * (core/turn_away.ts): with as many open on one WebSocket as the connection has turns, a `ping`
 * on it is still answered while every one of them stays open. On a server whose turns last a
 * request's life, the ping waited until a subscription ended (here: the valve's cancel).
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { modernMeta } from "./_mcp_modern.ts";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";

/**
 * Ends the subscriptions if the ping is not answered by then: the failing case's way out. Open
 * subscriptions end only when cancelled, so nothing but a valve tells "never" from "late"; it is
 * long, so that a loaded machine's slow ping is not taken for a turn held.
 */
const VALVE_MS = 120_000;

Deno.test("as many open subscriptions as a connection's turns: a ping on it is answered while they stay open", async () => {
  const limit = String(RUNNING_PER_CONNECTION);
  const server = await startTestServer({ MAX_LISTENS: limit, MAX_LISTENS_PER_CLIENT: limit });
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  const ids = Array.from({ length: RUNNING_PER_CONNECTION }, (_, n) => `listen-${n}`);
  let valveOpened = false;
  const valve = setTimeout(() => {
    valveOpened = true;
    for (const requestId of ids) client.notify("notifications/cancelled", { requestId });
  }, VALVE_MS);
  try {
    for (const id of ids) {
      void client.request("subscriptions/listen", {
        _meta: modernMeta(),
        notifications: { promptsListChanged: true },
      }, id);
      await client.waitForNotification((n) =>
        n.method === "notifications/subscriptions/acknowledged" &&
        (n.params._meta as Record<string, unknown>)["io.modelcontextprotocol/subscriptionId"] === id
      );
    }
    const pong = await client.request("ping", undefined, "ping");
    assert.ok("result" in pong);
    assert.equal(valveOpened, false, "the ping was answered only once the subscriptions ended");
  } finally {
    clearTimeout(valve);
    await client.close();
    await server.shutdown();
  }
});
