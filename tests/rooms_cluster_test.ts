/**
 * Rooms on two nodes sharing PostgreSQL: "one round at a time per room" holds across nodes
 * (`core/rooms/round_claim.ts`). Messages sent to one room through both nodes at once each get
 * their own replies right after them; a node killed mid-round leaves a claim whose lease runs
 * out, after which the other node's round goes ahead, and the dead round's line is not kept.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { type CountingOllama, startCluster } from "./_cluster.ts";
import { delay, RpcClient } from "./_helpers.ts";

interface Line {
  id: string;
  speaker_kind: "user" | "persona";
  content: string;
}

interface Sent {
  message_id: string;
  replies: Array<{ message_id: string }>;
}

/** The room's whole transcript, oldest first. */
async function transcript(client: RpcClient, roomId: string): Promise<Line[]> {
  const { messages } = await client.call<{ messages: Line[] }>("room.get_history", {
    room_id: roomId,
    limit: 200,
  });
  return messages.reverse();
}

Deno.test({
  name: "rooms on two nodes: rounds sent through both at once never interleave",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    // A lease of 1 s: the node killed below holds up the room for about that long.
    const cluster = await startCluster({
      nodes: 2,
      chroma: false,
      env: { DIALOGUE_TURN_LEASE_S: "1" },
    });
    // Slow enough replies that rounds sent at once overlap unless something serializes them.
    cluster.model.behavior.tokenDelayMs = 5;
    const clients = await Promise.all(cluster.nodes.map((node) => RpcClient.connect(node.wsUrl)));
    try {
      const [a, b] = clients as [RpcClient, RpcClient];
      const ids: string[] = [];
      for (const name of ["Wren", "Ossian", "Tamsin"]) {
        const { persona_id } = await a.call<{ persona_id: string }>("persona.create", { name });
        ids.push(persona_id);
      }
      const { room_id } = await a.call<{ room_id: string }>("room.create", {
        persona_ids: ids,
        reply_mode: "everyone",
      });
      const sent: Sent[] = [];
      for (let round = 0; round < 3; round++) {
        sent.push(
          ...await Promise.all(
            clients.map((client, node) =>
              client.call<Sent>("room.send", {
                room_id,
                content: `round ${round} from node ${node}`,
                sender: "Robin",
              })
            ),
          ),
        );
      }
      const lines = await transcript(b, room_id);
      for (const message of sent) {
        assert.ok(message.replies.length > 0, "everyone answers");
        const at = lines.findIndex((line) => line.id === message.message_id);
        assert.ok(at >= 0, "the user's line is stored");
        assert.deepEqual(
          lines.slice(at + 1, at + 1 + message.replies.length).map((line) => line.id),
          message.replies.map((reply) => reply.message_id),
          `the replies to "${lines[at]!.content}" follow it: ${
            lines.map((line) => `${line.speaker_kind}:${line.content.slice(0, 24)}`).join(" | ")
          }`,
        );
      }

      // A node that dies mid-round: its claim's lease runs out and the other node's round runs.
      cluster.model.behavior.firstTokenDelayMs = 60_000;
      // Never answered: the node dies first (the client's socket closes instead).
      a.call("room.send", { room_id, content: "cut short", sender: "Robin" }).catch(() => {});
      while (!midRound(cluster.model)) await delay(20);
      await cluster.nodes[0]!.kill();
      await a.closed;
      cluster.model.behavior.firstTokenDelayMs = 0;
      const after = await b.call<Sent>("room.send", {
        room_id,
        content: "still there?",
        sender: "Robin",
      });
      assert.ok(after.replies.length > 0, "the round after the dead node's answers");
      // The dead node's round is not in the transcript: its line was pending, and is removed.
      const contents = (await transcript(b, room_id)).map((line) => line.content);
      assert.ok(!contents.includes("cut short"), "no line of the round cut short");
      assert.ok(contents.includes("still there?"));
    } finally {
      for (const client of clients) await client.close().catch(() => {});
      await cluster.stop();
    }
  },
});

/**
 * Whether the round "cut short" has begun: its first speaker asked the model (its user line is
 * written, pending: `room.get_history` does not show it).
 */
function midRound(model: CountingOllama): boolean {
  return model.chatRequests().some((request) => JSON.stringify(request).includes("cut short"));
}
