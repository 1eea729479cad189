/**
 * The lore of one prompt is bounded whatever the books' own budgets say (attack18 F2): 32 books
 * of constant entries with `token_budget` 1,000,000 sent megabytes of lore per model request;
 * now all books share LORE_TOTAL_TOKEN_BUDGET (estimated tokens of 4 characters).
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

const BOOKS = 32;
const ENTRY_CHARS = 20_000;

function entries(book: number) {
  return Array.from({ length: 6 }, (_, i) => ({
    keys: [`k${i}`],
    content: `${book}/${i} `.repeat(ENTRY_CHARS / 4).slice(0, ENTRY_CHARS),
    constant: true,
    enabled: true,
    insertion_order: i,
  }));
}

Deno.test("32 books with huge token budgets send a bounded model request (chat and room)", async () => {
  await withTestServer(async ({ client, fake }) => {
    const ids: string[] = [];
    for (let b = 0; b < BOOKS; b++) {
      const { lorebook_id } = await client.call<{ lorebook_id: string }>("lorebook.create", {
        name: `book${b}`,
        token_budget: 1_000_000,
        entries: entries(b),
        persona_id: "aria",
      });
      ids.push(lorebook_id);
    }
    await client.call("conversation.send_message", { persona_id: "Aria", content: "Hello" });
    const { room_id } = await client.call<{ room_id: string }>("room.create", {
      persona_ids: ["Aria"],
    });
    await client.call("room.send", { room_id, content: "Hello" });
    const sizes = fake.chatRequests().map((body) => JSON.stringify(body).length);
    assert.equal(sizes.length, 2);
    // The total budget is 8,192 tokens, 32,768 characters: one entry of 20,000 fits, not two.
    // (Before: 32 books × 6 entries × 20,000 characters, about 3.8 MB per request.)
    for (const size of sizes) assert.ok(size < 60_000, `model request of ${size} characters`);
    const tested = await client.call<{ fired_total?: number; fired: unknown[] }>(
      "lorebook.test",
      { messages: [{ text: "Hello" }], lorebook_ids: ids },
    );
    assert.equal(tested.fired_total ?? tested.fired.length, 1);
  });
});
