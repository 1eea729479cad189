/**
 * A room line's memory is cut between characters (attack18 F6): 4,000 UTF-16 units of
 * "user said in rr: " and emoji split the last emoji's surrogate pair, and the memory ended in
 * U+FFFD once stored. Over a real WebSocket, a real SQLite file.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

Deno.test("room.send: a long line of emoji is remembered cut between characters", async () => {
  await withTestServer(async ({ client }) => {
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria"],
      name: "rr",
    });
    await client.call("room.send", { room_id, content: "😀".repeat(3000) });
    const { memories } = await client.call<{ memories: Array<{ content: string }> }>(
      "memory.list",
      { persona_id: "aria", limit: 50 },
    );
    const line = memories.find((m) => m.content.startsWith("user said in rr: "));
    assert.ok(line, "the user's line is remembered");
    assert.ok(line.content.length <= 4000 && line.content.length > 3900, `${line.content.length}`);
    assert.ok(line.content.isWellFormed(), "no lone surrogate");
    assert.ok(!line.content.includes("\uFFFD"), "no replacement character");
    assert.ok(line.content.endsWith("😀"));
  });
});
