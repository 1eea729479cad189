/**
 * A card's lorebook entries with positions the V3 spec does not define are exported with the
 * spec's (where this server places them), the original kept in the entry's extensions, and read
 * back as they were. Real sockets, a real SQLite file.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

const CARD = {
  spec: "chara_card_v2",
  spec_version: "2.0",
  data: {
    name: "Placer",
    description: "Keeps lore in odd places",
    character_book: {
      entries: [
        { keys: ["a"], content: "A", position: "after_desc", extensions: {} },
        { keys: ["b"], content: "B", position: "after_char", extensions: {} },
      ],
    },
  },
};

Deno.test("card exports write V3's entry positions and keep the others for our import", async () => {
  await withTestServer(async ({ client }) => {
    const first = await client.call<{ persona_id: string; lorebook_id: string }>(
      "persona.import_card",
      { card: CARD },
    );
    let n = 0;
    for (const spec of ["v3", "v2"]) {
      const exported = await client.call<
        { card: { data: { character_book: { entries: Array<Record<string, unknown>> } } } }
      >("persona.export_card", { persona_id: first.persona_id, format: "json", spec });
      const entries = exported.card.data.character_book.entries;
      assert.deepEqual(entries.map((entry) => entry.position), ["before_char", "after_char"], spec);
      assert.deepEqual(
        (entries[0]?.extensions as Record<string, unknown>)["persona-mcp"],
        { position: "after_desc" },
      );
      const again = await client.call<{ lorebook_id: string }>("persona.import_card", {
        card: exported.card,
        name: `Copy ${++n}`,
      });
      const { lorebook } = await client.call<
        { lorebook: { book: { entries: Array<{ position: string; extensions: object }> } } }
      >("lorebook.get", { lorebook_id: again.lorebook_id });
      assert.deepEqual(lorebook.book.entries.map((entry) => entry.position), [
        "after_desc",
        "after_char",
      ]);
      assert.deepEqual(lorebook.book.entries[0]?.extensions, {});
    }
  });
});
