/**
 * A room round's own reads see its pending lines (attack25 F1/F2 kept them from every other
 * reader): the transcript the round chooses its next speaker by holds the user's line and the
 * replies so far, and a lorebook's `delay` counts them as the room's chat length (the new line
 * included, as in a chat). In process, a real SQLite file, the fake model over HTTP.
 */
import assert from "node:assert/strict";
import { RoomRepository } from "../core/rooms/mod.ts";
import { withTestServer } from "./_helpers.ts";

type Reply = { speaker: string; lore_used: Array<{ label: string }> };

Deno.test("rooms: a round chooses its speakers by a transcript holding its own pending lines", async () => {
  const page = RoomRepository.prototype.page;
  const reads: string[][] = [];
  RoomRepository.prototype.page = async function (...args) {
    const lines = await page.apply(this, args);
    reads.push(lines.map((line) => line.content));
    return lines;
  };
  try {
    await withTestServer(async ({ client }) => {
      const { room_id } = await client.call<{ room_id: string }>("room.create", {
        persona_ids: ["Aria", "Kira"],
        reply_mode: "everyone",
      });
      await client.call("room.send", { room_id, content: "a line only the round sees yet" });
    });
  } finally {
    RoomRepository.prototype.page = page;
  }
  assert.ok(reads.length >= 2, "the round read its transcript before each speaker");
  for (const read of reads) assert.ok(read.includes("a line only the round sees yet"), `${read}`);
});

Deno.test("rooms: a lorebook's delay counts the round's pending lines as the chat's length", async () => {
  await withTestServer(async ({ client }) => {
    const { lorebook_id } = await client.call<{ lorebook_id: string }>("lorebook.create", {
      name: "Harbor",
      entries: [{
        keys: ["harbor"],
        comment: "delayed",
        content: "Ships.",
        extensions: { delay: 2 },
      }],
    });
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria", "Kira"],
      lorebook_ids: [lorebook_id],
    });
    const { replies } = await client.call<{ replies: Reply[] }>("room.send", {
      room_id,
      content: "Kira, Aria: is the harbor busy?",
    });
    // The first speaker's chat is the user's line (1 < delay); the second's holds the first reply.
    assert.deepEqual(replies.map((reply) => reply.lore_used.map((u) => u.label)), [[], [
      "delayed",
    ]]);
  });
});
