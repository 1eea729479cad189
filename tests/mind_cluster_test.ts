/**
 * The mind on PostgreSQL, across nodes: two `main.ts` processes on one schema share one job
 * queue. Chats through both nodes queue one extraction job each; the nodes' workers claim from
 * the same table (`FOR UPDATE SKIP LOCKED`), so every job runs once, on one node, and each fact
 * is stored once; core blocks set on one node are in the other's prompts.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { startCluster } from "./_cluster.ts";
import { RpcClient } from "./_helpers.ts";
import { chatOnly, eventually, jobRequests, MIND_ON, mindReply, requestText } from "./_mind.ts";

const CHATS = 24;

Deno.test({
  name: "mind on two PostgreSQL nodes: one queue, every job once, facts once, blocks shared",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const cluster = await startCluster({
      nodes: 2,
      env: {
        ...MIND_ON,
        MEMORY_REFLECTION: "false",
        MEMORY_SUPERSESSION: "false",
        MEMORY_BLOCK_UPDATES: "false",
        JOBS_CONCURRENCY: "2",
      },
    });
    cluster.model.behavior.reply = mindReply({
      facts: (transcript) => {
        const n = /buoy number (\d+)/.exec(transcript)?.[1];
        return n ? [{ content: `Buoy ${n} is painted red.` }] : [];
      },
    });
    const [a, b] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const clients = [await RpcClient.connect(a.wsUrl), await RpcClient.connect(b.wsUrl)];
    try {
      for (const client of clients) await client.call("persona.switch", { persona_id: "Aria" });
      await Promise.all(clients.map(async (client, c) => {
        for (let n = c + 1; n <= CHATS; n += 2) {
          await client.call("conversation.send_message", {
            content: `Note that buoy number ${n} is painted red.`,
            // A sender each: one sender's chats waiting for a worker gather into one job.
            sender: `Tam${n}`,
          });
        }
      }));
      const counts = async () =>
        (await (await fetch(`${b.apiUrl}/jobs?kind=extract_facts&limit=1`)).json()).counts;
      await eventually(async () => (await counts()).done === CHATS, {
        what: "every job done",
        ms: 60_000,
      });
      assert.deepEqual(await counts(), {
        queued: 0,
        running: 0,
        done: CHATS,
        failed: 0,
        skipped: 0,
        dropped: 0,
      });
      // Each job asked the model once, no job ran on both nodes. A job's call that a chat cut
      // (the job gave way, core/llm/queue.ts) is asked again, and each node counts those; a call
      // cut before its request reached the model server (while its prompt was being built) is
      // counted but never seen there, so the cut calls bound the extra requests from above.
      const gaveWay = async (node: typeof a) => {
        const metrics = await (await fetch(node.apiUrl.replace(/\/api$/, "/metrics"))).text();
        return Number(/^persona_mcp_jobs_gave_way (\d+)$/m.exec(metrics)?.[1]);
      };
      const cut = await gaveWay(a) + await gaveWay(b);
      const asked = new Map<string, number>();
      for (const request of jobRequests(cluster.model.chatRequests(), "facts")) {
        const buoy = /buoy number (\d+)/.exec(requestText(request))?.[1] ?? "none";
        asked.set(buoy, (asked.get(buoy) ?? 0) + 1);
      }
      const buoys = Array.from({ length: CHATS }, (_, n) => String(n + 1));
      assert.deepEqual([...asked.keys()].sort(), buoys.sort(), "every job asked, about its buoy");
      const extra = [...asked.values()].reduce((sum, times) => sum + times - 1, 0);
      assert.ok(extra <= cut, `${extra} extra requests, only ${cut} calls cut`);
      const facts = await clients[0]!.call<{ memories: Array<{ content: string }> }>(
        "memory.list",
        { memory_type: "fact", limit: 100 },
      );
      assert.equal(facts.memories.length, CHATS);
      assert.equal(new Set(facts.memories.map((fact) => fact.content)).size, CHATS);

      // A block set through A is in a prompt B builds.
      await clients[0]!.call("memory.block_set", {
        label: "world",
        content: "The harbour of Vell.",
      });
      const before = chatOnly(cluster.model.chatRequests()).length;
      await clients[1]!.call("conversation.send_message", { content: "Hello", sender: "Tam" });
      const prompt = requestText(chatOnly(cluster.model.chatRequests())[before]!);
      assert.match(prompt, /Core memory \[world\]:\n- The harbour of Vell\./);
    } finally {
      for (const client of clients) await client.close();
      await cluster.stop();
    }
  },
});
