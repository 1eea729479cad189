/**
 * The value bound of a stored book (`LORE_LIMITS.values`, attack28 F1): what it counts, that a
 * large real world is far within it, and that the World Info export of a book at the bound stays
 * within the upload check (`MAX_TOTAL_VALUES`) and reads back at the bound.
 *
 * @module
 */
import assert from "node:assert/strict";
import { jsonCounts, jsonKeysProblem, MAX_TOTAL_VALUES } from "../json_keys.ts";
import { bookValueCount, LORE_LIMITS, lorebookV3Document, parseLorebook } from "./book.ts";
import { exportedBook } from "./entry_position.ts";
import { openBookValues } from "./book_values.ts";
import { lorebookFromDocument } from "./formats.ts";
import { worldInfoDocument } from "./world_info.ts";
import { sillyTavernWorld } from "../../tests/_sillytavern_world.ts";

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

/**
 * `count` entries at the position `at_depth`, which exports write as `before_char` with a note
 * (`extensions["persona-mcp"].position`): each with 10 keys and 14 extension members of 4 items,
 * 80 counted values an entry (400,000 for 5,000).
 */
function atDepthEntries(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    keys: Array.from({ length: 10 }, (_, k) => `k${i}_${k}`),
    content: "c",
    position: "at_depth",
    extensions: Object.fromEntries(Array.from({ length: 14 }, (_, k) => [`x${k}`, [1, 2, 3, 4]])),
  }));
}

Deno.test("a book at the bound whose entries are at_depth reads back from its own V3 and World Info exports (review36 R36-3)", () => {
  const raw = { name: "bound", entries: atDepthEntries(LORE_LIMITS.entries) };
  assert.equal(bookValueCount(raw), LORE_LIMITS.values);
  const book = parseLorebook(raw);
  const exports = {
    lorebook_v3: lorebookV3Document(book),
    sillytavern: worldInfoDocument(book),
  };
  for (const [format, file] of Object.entries(exports)) {
    const written = JSON.parse(JSON.stringify(file));
    // The note is in the file: 2 values an entry more than the book, and still within the bound.
    const entries = format === "sillytavern"
      ? Object.values(written.entries as Record<string, { extensions: object }>)
      : written.data.entries as { extensions: object }[];
    assert.deepEqual(entries[0]?.extensions["persona-mcp" as keyof object], {
      position: "at_depth",
    });
    const again = lorebookFromDocument(written).book;
    assert.equal(again.entries.length, LORE_LIMITS.entries, format);
    assert.equal(again.entries[0]?.position, "at_depth", format);
    assert.equal(again.entries[0]?.extensions["persona-mcp"], undefined, format);
  }
  // A note holding more than the position counts for the rest, as the entry keeps it.
  const noted = { keys: [], extensions: { "persona-mcp": { position: "x", more: [1, 2] } } };
  assert.equal(bookValueCount({ entries: [noted] }), 1 + 1 + 2);
  const kept = parseLorebook({ entries: [noted] });
  assert.equal(bookValueCount(JSON.parse(JSON.stringify(kept))), 1 + 1 + 2);
});

Deno.test("the World Info export keeps originalData only when the file it writes stays within the upload check (review36 R36-2)", () => {
  /** 5,000 at_depth entries, the first holding an array of `items` zeros in its extensions. */
  const bookOf = (items: number) =>
    parseLorebook({
      name: "edge",
      entries: Array.from({ length: LORE_LIMITS.entries }, (_, i) => ({
        keys: [`k${i}`],
        content: "c",
        position: "at_depth",
        extensions: i === 0 ? { f: Array(items).fill(0) } : {},
      })),
    });
  const valuesOf = (value: unknown) => jsonCounts(value, { keys: Infinity, values: Infinity });
  /** The file's values with originalData, as written; and as counted from the book alone. */
  const measure = (items: number) => {
    const book = bookOf(items);
    const { originalData: _, ...doc } = worldInfoDocument(book);
    const written = valuesOf(doc).values + valuesOf(exportedBook(book)).values + 2;
    return { book, written, fromBook: valuesOf(doc).values + valuesOf(book).values + 2 };
  };
  // Each item is written 3 times (the entry's field, its extensions, originalData): just past.
  const items = 1 + Math.ceil((MAX_TOTAL_VALUES + 3 - measure(1).written) / 3);
  const edge = measure(items);
  assert.ok(edge.written > MAX_TOTAL_VALUES, `${edge.written}`);
  assert.ok(edge.fromBook <= MAX_TOTAL_VALUES, "counted from the book, it would have fit");
  const text = JSON.stringify(worldInfoDocument(edge.book));
  assert.equal(jsonKeysProblem(text), null);
  assert.equal("originalData" in JSON.parse(text), false);
  assert.equal(lorebookFromDocument(JSON.parse(text)).book.entries[0]?.position, "at_depth");
  // A little smaller, it fits with originalData, which is kept.
  const within = JSON.stringify(worldInfoDocument(measure(items - 10).book));
  assert.equal(jsonKeysProblem(within), null);
  assert.equal("originalData" in JSON.parse(within), true);
});
