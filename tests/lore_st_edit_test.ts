/**
 * The SillyTavern round trip after an entry is edited in SillyTavern (attack17 F3): the book's
 * settings and the fields SillyTavern does not carry come back from `originalData`, merged per
 * entry by uid; SillyTavern's edits win for the fields it shows. Real sockets, a real SQLite file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";
import { bookOf, importBook, type Json } from "./_lorebooks.ts";

const BOOK = {
  name: "Sea",
  description: "Lore of the sea.",
  scan_depth: 7,
  token_budget: 333,
  recursive_scanning: true,
  extensions: { theme: "blue" },
  entries: [
    {
      id: "str-id",
      name: "Dragons",
      priority: 9,
      keys: ["dra+gon"],
      use_regex: true,
      content: "Dragons sleep.",
      extensions: { depth: 3 },
      enabled: true,
      insertion_order: 1,
    },
    { id: 7, name: "Reef", keys: ["reef"], content: "A reef.", extensions: {}, enabled: true },
    { id: 7, keys: ["tide"], content: "Tides.", extensions: {}, enabled: true },
  ],
};

Deno.test("an entry edited in SillyTavern keeps the book's settings and the fields SillyTavern does not carry", async () => {
  await withTestServer(async ({ server }) => {
    const api = server.apiUrl;
    const id = await importBook(api, { spec: "lorebook_v3", data: BOOK });
    const original = await bookOf(api, id);
    const file = await (await fetch(`${api}/lorebooks/${id}/export`)).json();
    assert.ok(file.originalData);
    // As SillyTavern would: one entry's content edited, originalData kept.
    const dragon = Object.values(file.entries as Record<string, Json>)
      .find((entry) => entry.content === "Dragons sleep.")!;
    dragon.content = "Dragons wake.";
    const book = await bookOf(api, await importBook(api, file));
    const { entries: originalEntries, ...originalFields } = original as Json & { entries: Json[] };
    const { entries, ...fields } = book as Json & { entries: Json[] };
    assert.deepEqual(fields, originalFields);
    assert.equal(fields.token_budget, 333);
    assert.equal(entries.length, 3);
    // Order kept; the other entries exactly as they were.
    assert.deepEqual(entries.slice(1), originalEntries.slice(1));
    const first = entries[0] as Json;
    assert.equal(first.use_regex, true, "a regex key stays a regex");
    assert.deepEqual([first.name, first.priority, first.id], [
      "Dragons",
      9,
      "str-id",
    ]);
    assert.deepEqual(first, { ...originalEntries[0], content: "Dragons wake." });

    // An edit to a field SillyTavern carries wins; a book name the file carries wins.
    const renamed = structuredClone(file) as Json & { entries: Record<string, Json> };
    Object.values(renamed.entries).find((entry) => entry.content === "A reef.")!.order = 42;
    renamed.name = "Ocean";
    const again = await bookOf(api, await importBook(api, renamed));
    assert.equal(again.name, "Ocean");
    assert.equal(again.scan_depth, 7);
    const reef = (again.entries as Json[]).find((entry) => entry.content === "A reef.")!;
    assert.deepEqual([reef.insertion_order, reef.name], [42, "Reef"]);
  });
});
