/**
 * `subscriptions/listen` streams through the server (attack5 F5): at most MAX_LISTENS at once
 * (-32007 past it, before any acknowledgement), every stream on one resource is told of a write,
 * and the streams share their reads (one `memory.list` per poll, not one per stream; none while
 * nothing is written).
 */
import assert from "node:assert/strict";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { modernMeta } from "./_mcp_modern.ts";

type Json = Record<string, unknown>;

Deno.test("MAX_LISTENS streams listen; one more is refused; a write reaches all for one read a poll", async () => {
  const server = await startTestServer({ MAX_LISTENS: "3", MAX_LISTENS_PER_CLIENT: "3" });
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const aria = await server.services.personas.resolve("aria");
    const uri = `persona://${aria.id}/memories`;
    const memory = server.services.memory;
    const list = memory.list.bind(memory);
    let reads = 0;
    memory.list = (...args: Parameters<typeof list>) => {
      reads++;
      return list(...args);
    };
    const ids = ["l1", "l2", "l3"];
    for (const id of ids) {
      void client.request("subscriptions/listen", {
        _meta: modernMeta(),
        notifications: { resourceSubscriptions: [uri] },
      }, id);
      await client.waitForNotification((n) =>
        n.method === "notifications/subscriptions/acknowledged" &&
        (n.params._meta as Json)["io.modelcontextprotocol/subscriptionId"] === id
      );
    }
    const refused = await Promise.race([
      client.request("subscriptions/listen", {
        _meta: modernMeta(),
        notifications: { resourceSubscriptions: [uri] },
      }, "l4"),
      new Promise<Json>((resolve) => setTimeout(() => resolve({ error: "not refused" }), 3_000)),
    ]);
    assert.equal((refused.error as Json).code, -32007);
    assert.deepEqual((refused.error as Json).data, { limit: 3, retry_after_ms: 5_000 });
    assert.equal(
      client.notifications.filter((n) => n.method === "notifications/subscriptions/acknowledged")
        .length,
      3,
      "the refused stream was never acknowledged",
    );

    // Let every stream take its first reading and a poll pass; then, nothing written, two polls
    // read nothing (the data's version stands).
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    reads = 0;
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    assert.equal(reads, 0, "polls while nothing is written read nothing");
    await client.call("tools/call", {
      name: "memory_store",
      arguments: { persona_id: "aria", content: "The ferry leaves at dawn" },
      _meta: modernMeta(),
    });
    for (const id of ids) {
      const updated = await client.waitForNotification((n) =>
        n.method === "notifications/resources/updated" &&
        (n.params._meta as Json)["io.modelcontextprotocol/subscriptionId"] === id
      );
      assert.equal(updated.params.uri, uri);
    }
    // One poll read the resource for all three streams (a write landing mid-poll may add one).
    assert.ok(reads >= 1 && reads <= 2, `memory.list reads for three streams: ${reads}`);
  } finally {
    await client.close();
    await server.shutdown();
  }
});
