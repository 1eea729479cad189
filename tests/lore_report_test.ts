/**
 * Lore cannot make a reply too large: a book named with 20,000 characters whose 80 constant
 * entries all fire would report over 1.6 MB in `lore_used` (the book's name per entry), past
 * MAX_REPLY_BYTES (1 MiB): the chat answered -32005 though its reply was stored. The lists give
 * their first entries and the whole count beside them.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

const ENTRIES = 80;

function heavyBook(): Record<string, unknown> {
  return {
    spec: "lorebook_v3",
    data: {
      name: "N".repeat(20_000),
      token_budget: 1_000_000,
      extensions: {},
      entries: Array.from({ length: ENTRIES }, (_, i) => ({
        keys: [`k${i}`],
        content: `fact ${i}`,
        constant: true,
        extensions: {},
        enabled: true,
        insertion_order: i,
        use_regex: false,
      })),
    },
  };
}

type Listed = { lore_used: unknown[]; lore_used_total?: number };

Deno.test("a chat, a room reply and lorebook.test whose lore is large still answer, lists cut with their totals", async () => {
  await withTestServer(async ({ client }) => {
    const { lorebook_id } = await client.call<{ lorebook_id: string }>("lorebook.import", {
      lorebook: heavyBook(),
      persona_id: "aria",
    });
    const chat = await client.call<Listed & { response: string }>("conversation.send_message", {
      persona_id: "Aria",
      content: "Hello",
    });
    assert.ok(chat.response.length > 0);
    assert.ok(chat.lore_used.length > 0 && chat.lore_used.length < ENTRIES, "the first only");
    assert.equal(chat.lore_used_total, ENTRIES);
    const tested = await client.call<{ fired: unknown[]; fired_total?: number }>(
      "lorebook.test",
      { messages: [{ text: "Hello" }], lorebook_ids: [lorebook_id] },
    );
    assert.ok(tested.fired.length < ENTRIES);
    assert.equal(tested.fired_total, ENTRIES);
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria"],
      lorebook_ids: [lorebook_id],
    });
    const sent = await client.call<{ replies: Listed[] }>("room.send", {
      room_id,
      content: "Hello",
    });
    assert.ok(sent.replies.length > 0);
    for (const reply of sent.replies) {
      assert.ok(reply.lore_used.length < ENTRIES);
      assert.equal(reply.lore_used_total, ENTRIES);
    }
  });
});
