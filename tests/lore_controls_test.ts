/**
 * SillyTavern's World Info controls end to end (attack22 F2): in a chat, one entry of an
 * inclusion group fires, a character filter keeps entries from other personas, delay waits for
 * the chat's messages and a sticky entry stays for the next reply; in a room, each speaker's own
 * name decides its character filters. On SQLite and on PostgreSQL.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { type TestHarness, withPostgresEnv, withTestServer } from "./_helpers.ts";

type Used = { label: string; via: string };
type Reply = { lore_used: Used[]; lore_skipped: Array<{ label: string; reason: string }> };

const entry = (comment: string, keys: string[], extensions: Record<string, unknown>) => ({
  keys,
  comment,
  content: `${comment} content.`,
  extensions,
});

async function chatControls({ client }: TestHarness): Promise<void> {
  {
    await client.call("lorebook.create", {
      name: "Controls",
      persona_id: "Kira",
      entries: [
        entry("sunny", ["weather"], { group: "weather" }),
        entry("rainy", ["weather"], { group: "weather" }),
        entry("only for Aria", ["secret"], { character_filter: { names: ["Aria"] } }),
        entry("not for Aria", ["secret"], {
          character_filter: { names: ["aria"], isExclude: true },
        }),
        entry("delayed", ["later"], { delay: 5 }),
        entry("dragon", ["dragon"], { sticky: 4 }),
      ],
    });
    const say = (content: string) =>
      client.call<Reply>("conversation.send_message", { persona_id: "Kira", content });
    const first = await say("what is the weather? tell me a secret, later");
    const used = first.lore_used.map((u) => u.label).sort();
    assert.equal(used.length, 2, JSON.stringify(used));
    assert.ok(["rainy", "sunny"].includes(used[1]!), "one of the weather group");
    assert.equal(used[0], "not for Aria");
    assert.deepEqual(first.lore_skipped.map((s) => s.reason), ["group"]);
    // A dragon now: it fires by its key, then stays one reply (sticky 4: two messages a reply).
    // (The fake model's replies echo the message: only these two entries are looked at.)
    const watched = (reply: Reply) =>
      reply.lore_used.filter((u) => ["dragon", "delayed"].includes(u.label))
        .map((u) => [u.label, u.via]).sort();
    assert.deepEqual(watched(await say("a dragon! later")), [["dragon", "key"]]);
    assert.deepEqual(watched(await say("later, nothing else")), [
      ["delayed", "key"], // five messages now (with or without a greeting)
      ["dragon", "sticky"],
    ]);
    // Sticky time over (the echoed "later" keeps the delayed entry firing by its key).
    assert.deepEqual(watched(await say("nothing at all")), [["delayed", "key"]]);
  }
}

async function roomFilters({ client }: TestHarness): Promise<void> {
  {
    const { lorebook_id } = await client.call<{ lorebook_id: string }>("lorebook.create", {
      name: "Harbor",
      entries: [entry("for Kira", ["harbor"], { character_filter: { names: ["Kira"] } })],
    });
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria", "Kira"],
      lorebook_ids: [lorebook_id],
    });
    const result = await client.call<{ replies: Array<Reply & { speaker: string }> }>(
      "room.send",
      { room_id, content: "Kira, Aria: is the harbor busy?" },
    );
    const speakers = result.replies.map((reply) => reply.speaker).sort();
    assert.deepEqual(speakers, ["Aria", "Kira"], "both were named: both answer");
    for (const reply of result.replies) {
      const labels = reply.lore_used.map((u) => u.label);
      assert.deepEqual(labels, reply.speaker === "Kira" ? ["for Kira"] : [], reply.speaker);
    }
  }
}

/** Runs `body` on a server over SQLite, then over PostgreSQL (unless skipped). */
function onBoth(name: string, body: (harness: TestHarness) => Promise<void>): void {
  Deno.test(`SQLite: ${name}`, () => withTestServer(body));
  Deno.test({
    name: `PostgreSQL: ${name}`,
    ignore: POSTGRES_SKIPPED,
    fn: () => withPostgresEnv((env) => withTestServer(body, env)),
  });
}

onBoth("groups, character filters, delay and sticky in a persona's chat", chatControls);
onBoth("in a room, each speaker's name decides its character filters", roomFilters);
