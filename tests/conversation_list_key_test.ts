/**
 * review15 #5: conversation.list's cursor key comes from the read that listed the page, not a
 * second read after it. A conversation deleted once listed (no method deletes one today; a
 * retention job might) would otherwise leave the cursor a bare offset, and the next page would
 * skip an unseen conversation.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

Deno.test("conversation.list: the page's last conversation deleted once listed, the next page skips none", async () => {
  await withTestServer(async ({ server, client }) => {
    for (let i = 0; i < 5; i++) {
      const pair = [];
      for (const side of ["A", "B"]) {
        pair.push(
          (await client.call<{ persona_id: string }>("persona.create", {
            name: `Listed ${i}${side}`,
          })).persona_id,
        );
      }
      await client.call("conversation.start", { participants: pair });
    }
    type Page = { conversations: { conversation_id: string }[]; next_cursor: string | null };
    const ids = (page: Page) => page.conversations.map((c) => c.conversation_id);
    const whole = ids(await client.call<Page>("conversation.list", { limit: 200 }));
    assert.equal(whole.length, 5);
    // The third (the first page's last) goes right after its view is read.
    const { db, dialogues } = server.services;
    const status = dialogues.status.bind(dialogues);
    dialogues.status = async (id: string) => {
      const view = await status(id);
      if (id === whole[2]) await db.run("DELETE FROM dialogues WHERE id = ?", id);
      return view;
    };
    const first = await client.call<Page>("conversation.list", { limit: 3 });
    assert.deepEqual(ids(first), whole.slice(0, 3));
    dialogues.status = status;
    const second = await client.call<Page>("conversation.list", {
      limit: 3,
      cursor: first.next_cursor,
    });
    assert.deepEqual(ids(second), whole.slice(3), "no unseen conversation skipped");
  });
});
