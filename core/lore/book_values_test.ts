/**
 * The value bound of a stored book (`LORE_LIMITS.values`, attack28 F1): what it counts, that a
 * large real world is far within it, and that the World Info export of a book at the bound stays
 * within the upload check (`MAX_TOTAL_VALUES`) and reads back at the bound.
 *
 * @module
 */
import assert from "node:assert/strict";
import { jsonCounts, MAX_TOTAL_VALUES } from "../json_keys.ts";
import { bookValueCount, LORE_LIMITS, parseLorebook } from "./book.ts";
import { openBookValues } from "./book_values.ts";
import { lorebookFromDocument } from "./formats.ts";
import { worldInfoDocument } from "./world_info.ts";
import { sillyTavernWorld } from "../../tests/_real_cards.ts";

const NAMES = {
  book: new Set(["name", "entries", "extensions"]),
  entry: new Set(["keys", "content", "extensions", "secondary_keys"]),
  own: ["position"],
};

Deno.test("openBookValues counts keys, extension members, unknown fields and what they hold", () => {
  const book: Record<string, unknown> & { entries: unknown[] } = {
    name: "n",
    extensions: { a: 1, b: [1, 2] },
    odd: { x: [] },
    entries: [
      { keys: ["k", "l"], content: "c", extensions: { position: 4, c: {} }, extra: "e" },
      "not an entry",
    ],
  };
  // Book: a (1), b (1 + 2 items), odd (1 + an object and an array): 7; the entry: 2 keys, c (1 +
  // an object), extra (1): 5; the stray entry: 1. `position` (scalar) and the known fields: none.
  assert.equal(openBookValues(book, NAMES, 1_000), 13);
  // A scalar `position` is SillyTavern's own; one holding a value counts.
  book.entries[0] = { keys: [], content: "c", extensions: { position: [1, 2, 3] }, extra: "e" };
  assert.equal(openBookValues(book, NAMES, 1_000), 7 + (1 + 3) + 1 + 1);
  // The walk stops past the limit.
  assert.ok(
    openBookValues({ entries: [{ extensions: { a: Array(1e6).fill(0) } }] }, NAMES, 10) > 10,
  );
});

/** A SillyTavern World Info entry with its usual ~40 fields, 8 keys and 200 characters. */
function stEntry(uid: number): Record<string, unknown> {
  const entries = sillyTavernWorld().entries as Record<string, Record<string, unknown>>;
  return {
    ...entries["1"],
    uid,
    displayIndex: uid,
    key: Array.from({ length: 8 }, (_, i) => `key ${uid} ${i}`),
    content: "x".repeat(200),
  };
}

Deno.test("a 2,500-entry SillyTavern world is far within the bound", () => {
  const entries = Object.fromEntries(Array.from({ length: 2_500 }, (_, i) => [i, stEntry(i)]));
  const { book } = lorebookFromDocument({ entries });
  const values = bookValueCount(JSON.parse(JSON.stringify(book)));
  assert.ok(values < LORE_LIMITS.values / 2, `${values} values`);
});

Deno.test("the World Info export of a 5,000-entry book at the bound stays within the upload check and reads back", () => {
  // Each entry: 8 keys and 14 extension members (70,000 in all, `bookExtensionKeys`) holding
  // arrays of 4 items: 78 values an entry, 390,000 in all, as much in extensions as allowed.
  const entries = Array.from({ length: LORE_LIMITS.entries }, (_, i) => ({
    keys: Array.from({ length: 8 }, (_, k) => `k${i}_${k}`),
    content: "c",
    extensions: Object.fromEntries(Array.from({ length: 14 }, (_, k) => [`x${k}`, [1, 2, 3, 4]])),
  }));
  const raw = { name: "bound", entries };
  assert.equal(bookValueCount(raw), 390_000);
  const book = parseLorebook(raw);
  const doc = JSON.parse(JSON.stringify(worldInfoDocument(book)));
  const counted = jsonCounts(doc, { keys: Infinity, values: Infinity }).values;
  assert.ok(counted <= MAX_TOTAL_VALUES, `${counted} values in the export`);
  const again = lorebookFromDocument(doc).book;
  assert.equal(again.entries.length, LORE_LIMITS.entries);
});
