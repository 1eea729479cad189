/**
 * A room line whose memories cannot be stored when it is said (storage failing: here a trigger
 * refuses every insert into `memories`, on SQLite and on PostgreSQL with a real Chroma) is not
 * forgotten: the round answers, and once storage works again the members remember every line.
 */
import assert from "node:assert/strict";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import type { Database } from "../core/storage/mod.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { type RpcClient, type TestHarness, withPostgresEnv, withTestServer } from "./_helpers.ts";
import { type Refusal, refuseInserts } from "./_refuse_inserts.ts";

/** SQL that makes every insert into `memories` fail, and SQL that undoes it, by store. */
const REFUSE = refuseInserts("memories");

async function roomMemories(client: RpcClient, name: string): Promise<string[]> {
  const { memories } = await client.call<{ memories: Array<{ content: string }> }>("memory.list", {
    persona_id: name,
    limit: 100,
  });
  return memories.map((memory) => memory.content).filter((content) => content.includes(" in "));
}

async function linesRememberedLater(
  { client, server, fake }: TestHarness,
  sql: Refusal,
): Promise<void> {
  const db: Database = server.services.db;
  fake.behavior.reply = () => "The comet is bright tonight.";
  const { room_id } = await client.call<{ room_id: string }>("room.create", {
    name: "Roof",
    persona_ids: ["Aria", "Kira"],
    max_replies: 1,
  });
  for (const statement of sql.on) await db.run(statement);
  const sent = await client.call<{ replies: Array<{ speaker: string; content: string }> }>(
    "room.send",
    { room_id, sender: "Sam", content: "Look up, everyone!" },
  );
  assert.equal(sent.replies.length, 1, "the round answers while memory cannot be written");
  const speaker = sent.replies[0]!.speaker;
  const listener = speaker === "Aria" ? "Kira" : "Aria";
  assert.deepEqual(await roomMemories(client, "Aria"), [], "nothing stored yet");
  assert.equal(await server.services.rooms.retryMemories(), 4, "4 memories wait (2 lines × 2)");
  for (const statement of sql.off) await db.run(statement);
  assert.equal(await server.services.rooms.retryMemories(), 0, "all stored once storage works");
  assert.deepEqual((await roomMemories(client, speaker)).sort(), [
    `I said in Roof to ${listener}: The comet is bright tonight.`,
    "Sam said in Roof: Look up, everyone!",
  ]);
  assert.deepEqual((await roomMemories(client, listener)).sort(), [
    `${speaker} said in Roof: The comet is bright tonight.`,
    "Sam said in Roof: Look up, everyone!",
  ]);
}

Deno.test("room lines whose memories could not be stored are stored once storage works [sqlite]", async () => {
  await withTestServer((harness) => linesRememberedLater(harness, REFUSE.sqlite));
});

Deno.test({
  name: "room lines whose memories could not be stored are stored once storage works [postgres]",
  ignore: POSTGRES_SKIPPED,
  fn: async () => {
    const path = await Deno.makeTempDir({ prefix: "chroma-room-retry-" });
    const chroma = await startChromaServer({ path });
    try {
      await withPostgresEnv(async (env) => {
        await withTestServer(
          (harness) => linesRememberedLater(harness, REFUSE.postgres),
          { ...env, CHROMA_URL: chroma.url },
        );
      });
    } finally {
      await chroma.stop();
      await Deno.remove(path, { recursive: true });
    }
  },
});
