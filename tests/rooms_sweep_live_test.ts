/**
 * The removal of cut off rounds' pending lines (a start, the minute sweep: `RoomService.
 * removeCutRounds`) spares the rounds running in this process and runs one at a time: a sweep
 * mid-round removes none of the round's lines, so the round still answers whole; a call while
 * one runs shares it, and a call after it ended runs again (a failed removal is tried at the
 * next sweep); a failed round whose removal failed is a cut off one once it ended; a round
 * whose lines were taken meanwhile answers an error and keeps none. In process, a real SQLite
 * file, the fake model over HTTP.
 */
import assert from "node:assert/strict";
import { RoomRepository } from "../core/rooms/mod.ts";
import { withTestServer } from "./_helpers.ts";
import { history, openRoom } from "./_room_rounds.ts";

Deno.test("rooms: a sweep mid-round keeps the running round's lines; the round answers whole", async () => {
  await withTestServer(async ({ client, fake, server }) => {
    const roomId = await openRoom(client);
    fake.behavior.firstTokenDelayMs = 200;
    const sent = client.call<{ replies: unknown[] }>("room.send", {
      room_id: roomId,
      content: "a round the sweep meets",
      sender: "Robin",
    });
    // The user's line and the first reply are written (pending): the second speaker is asked.
    await fake.waitForChats(2);
    assert.equal(
      await server.services.rooms.removeCutRounds(),
      0,
      "a running round is no cut off one",
    );
    const { replies } = await sent;
    assert.equal(replies.length, 4);
    const lines = await history(client, roomId);
    assert.equal(lines.length, 5, lines.join("\n"));
  });
});

Deno.test("rooms: one removal of cut off rounds at a time; a later one runs again", async () => {
  await withTestServer(async ({ server }) => {
    const { rooms } = server.services;
    const first = rooms.removeCutRounds();
    assert.strictEqual(rooms.removeCutRounds(), first, "a call while one runs shares it");
    assert.equal(await first, 0);
    const next = rooms.removeCutRounds();
    assert.notStrictEqual(next, first, "the next sweep removes again");
    assert.equal(await next, 0);
  });
});

Deno.test("rooms: a failed round whose removal failed is a cut off one once it ended", async () => {
  const removeRound = RoomRepository.prototype.removeRound;
  // The database out of reach when the failed round removes its lines.
  RoomRepository.prototype.removeRound = () => Promise.reject(new Error("database down"));
  try {
    await withTestServer(async ({ client, fake, server }) => {
      const roomId = await openRoom(client);
      fake.behavior.mode = "error";
      await assert.rejects(client.call("room.send", { room_id: roomId, content: "lost" }));
      assert.equal(await server.services.rooms.removeCutRounds(), 1, "its user line removed");
    });
  } finally {
    RoomRepository.prototype.removeRound = removeRound;
  }
});

Deno.test("rooms: a round whose pending lines were taken meanwhile answers an error and keeps none", async () => {
  await withTestServer(async ({ client, fake, server }) => {
    const roomId = await openRoom(client);
    fake.behavior.firstTokenDelayMs = 200;
    const sent = client.call("room.send", { room_id: roomId, content: "outlived its claim" });
    await fake.waitForChats(2);
    // Taken as a cut off round's (on PostgreSQL: a node that found the round's claim run out).
    await server.services.db.run("DELETE FROM room_messages WHERE round_id IS NOT NULL");
    await assert.rejects(sent, /cut off/);
    assert.deepEqual(await history(client, roomId), [], "no half round");
  });
});
