/**
 * In a cluster a chat's exchange is stored before its reply (`core/memory/write_behind.ts`'s
 * `sharedStore`): two `main.ts` nodes on one PostgreSQL schema and one Chroma; a chat on node a,
 * then at once `memory.list` on node b finds the exchange (review45a F1: it missed 20 of 20 while
 * node a held it in its write-behind queue).
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { RpcClient } from "./_helpers.ts";

type Listed = { memories: Array<{ content: string }> };

Deno.test({
  name: "a chat on node a is found at once by memory.list on node b [postgres]",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const cluster = await startCluster({ nodes: 2 });
    const [a, b] = cluster.nodes;
    const onA = await RpcClient.connect(a!.wsUrl);
    const onB = await RpcClient.connect(b!.wsUrl);
    try {
      await onA.call("persona.switch", { persona_id: "Aria" });
      await onB.call("persona.switch", { persona_id: "Aria" });
      for (let i = 0; i < 5; i++) {
        const code = `zebracode${i}x`;
        const reply = await onA.call<{ memory_stored: boolean }>("conversation.send_message", {
          content: `The locker code is ${code}.`,
        });
        assert.equal(reply.memory_stored, true);
        const listed = await onB.call<Listed>("memory.list", { limit: 5 });
        assert.ok(listed.memories.some((memory) => memory.content.includes(code)), code);
      }
    } finally {
      await onA.close();
      await onB.close();
      await cluster.stop();
    }
  },
});
