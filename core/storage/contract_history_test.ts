/**
 * The storage contract, chat history: pages, scopes, counts and greetings, and a prompt's window,
 * the same on SQLite and on PostgreSQL (`eachDatabase`). The other repositories: contract_test.ts.
 */
import assert from "node:assert/strict";
import { HistoryRepository } from "../chat/mod.ts";
import { eachDatabase } from "./testing/databases.ts";
import { message, setup } from "./testing/contract_fixture.ts";

eachDatabase("history: pages newest first with has_more, scopes, counts, greetings", async (db) => {
  const { aria } = await setup(db);
  const history = new HistoryRepository(db);
  for (let n = 1; n <= 5; n++) await history.append(message(aria, n));
  await history.append(message(aria, 6, { room_id: "r1" }));
  const first = await history.page({ personaId: aria.id, roomId: null }, { limit: 2 });
  assert.deepEqual(first.messages.map((m) => m.id), ["msg_5", "msg_4"]);
  assert.equal(first.has_more, true);
  const last = await history.page({ personaId: aria.id, roomId: null }, {
    limit: 3,
    beforeId: "msg_4",
  });
  assert.deepEqual(last.messages.map((m) => m.id), ["msg_3", "msg_2", "msg_1"]);
  assert.equal(last.has_more, false, "exactly the rest: no more");
  assert.deepEqual(
    (await history.recent({ personaId: aria.id, roomId: "r1" }, 5)).map((m) => m.id),
    [
      "msg_6",
    ],
  );
  assert.equal(await history.countInSession(aria.id, "s1"), 5);
  assert.deepEqual(await history.recentSince(aria.id, "2026-01-01T00:00:04.000Z"), {
    count: 3,
    oldest: "2026-01-01T00:00:04.000Z",
  });
  assert.equal((await history.first({ personaId: aria.id }))?.id, "msg_1");
  await history.append(message(aria, 7, { kind: "greeting", greeting_index: 0, content: "" }));
  await history.replaceGreeting("msg_7", { response: "Welcome back", index: 2 });
  const greeting = (await history.page({ personaId: aria.id }, { limit: 1 })).messages[0];
  assert.deepEqual([greeting?.response, greeting?.greeting_index, greeting?.kind], [
    "Welcome back",
    2,
    "greeting",
  ]);
  await assert.rejects(history.page({ personaId: aria.id }, { limit: 1, beforeId: "nope" }));
});

eachDatabase(
  "history: a prompt's window is recent()'s messages, narrower; a session has messages iff it counts some",
  async (db) => {
    const { aria, kira } = await setup(db);
    const history = new HistoryRepository(db);
    const scope = { personaId: aria.id, sessionId: "s1", roomId: null };
    assert.deepEqual(await history.promptWindow(scope, 3), []);
    assert.equal(await history.hasSessionMessages(aria.id, "s1"), false);
    await history.append(message(aria, 1, { kind: "greeting", greeting_index: 2, content: "" }));
    for (let n = 2; n <= 5; n++) await history.append(message(aria, n));
    await history.append(message(aria, 6, { room_id: "r1" }));
    await history.append(message(aria, 7, { session_id: "s2" }));
    await history.append(message(kira, 8));
    for (const count of [1, 3, 5, 9]) {
      // Rows as plain objects: SQLite's come without a prototype.
      const narrow = (await history.promptWindow(scope, count)).map((m) => ({ ...m }));
      const whole = await history.recent(scope, count);
      assert.deepEqual(
        narrow,
        whole.map(({ id, sender, content, response, kind, greeting_index }) => ({
          id,
          sender,
          content,
          response,
          kind,
          greeting_index,
        })),
        `window of ${count}`,
      );
    }
    assert.deepEqual((await history.promptWindow(scope, 2)).map((m) => m.id), ["msg_4", "msg_5"]);
    assert.deepEqual({ ...(await history.promptWindow(scope, 9))[0] }, {
      id: "msg_1",
      sender: "user",
      content: "",
      response: "hi 1",
      kind: "greeting",
      greeting_index: 2,
    });
    for (
      const [persona, session] of [[aria, "s1"], [aria, "s2"], [kira, "s1"], [kira, "s2"]] as const
    ) {
      assert.equal(
        await history.hasSessionMessages(persona.id, session),
        await history.countInSession(persona.id, session) > 0,
        `${persona.name} in ${session}`,
      );
    }
    // A room's messages are not the session's.
    await history.append(message(kira, 9, { session_id: "s3", room_id: "r1" }));
    assert.equal(await history.hasSessionMessages(kira.id, "s3"), false);
  },
);
