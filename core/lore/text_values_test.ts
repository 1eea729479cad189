/**
 * The book's value bound counted on a file's text (`text_values.ts`, fix135): never more than the
 * book's own count once parsed (so no book within `LORE_LIMITS` is refused by it), in every shape
 * a book comes in, this server's exports at the bound included; and a book past it is refused
 * with the book reader's own error, with no `JSON.parse` of the file.
 */
import assert from "node:assert/strict";
import { bookValueCount, LORE_LIMITS, lorebookV3Document, parseLorebook } from "./book.ts";
import { fromWorldInfo } from "./formats.ts";
import { assertTextBookValues, textBookValues } from "./text_values.ts";
import { worldInfoDocument } from "./world_info.ts";
import { decodeCardFile } from "../characters/codec.ts";
import type { JsonObject } from "./fields.ts";
import { bigParses } from "./testing/parse_spy.ts";
import { SeededRandom } from "../simulation/random.ts";

/** A seeded generator: the same documents on every run. */
function random(seed: number): () => number {
  const source = new SeededRandom(seed);
  return () => source.next();
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const many = <T>(rng: Rng, max: number, make: () => T): T[] =>
  Array.from({ length: Math.floor(rng() * (max + 1)) }, make);
/** Strings that hold what the text pass must skip: commas, brackets, quotes, escapes. */
const TEXTS = ["a", "b,c", "[x]", '{"y":1}', 'q"uote', "back\\slash,", "é,ü"];
const NAMES = [
  "x",
  "display_index",
  "displayIndex",
  "match_whole_words",
  "matchWholeWords",
  "probability",
  "position",
  "add_memo",
  "addMemo",
  "persona-mcp",
  "group",
  "other",
];

function value(rng: Rng, depth = 0): unknown {
  const kind = depth > 2 ? Math.floor(rng() * 3) : Math.floor(rng() * 6);
  if (kind === 0) return Math.floor(rng() * 10);
  if (kind === 1) return pick(rng, TEXTS);
  if (kind === 2) return rng() < 0.5 ? null : rng() < 0.5;
  if (kind === 3 || kind === 4) return many(rng, 5, () => value(rng, depth + 1));
  return Object.fromEntries(many(rng, 4, () => [pick(rng, NAMES), value(rng, depth + 1)]));
}

function members(rng: Rng, max: number): JsonObject {
  return Object.fromEntries(many(rng, max, () => [pick(rng, NAMES), value(rng)]));
}

function v3Entry(rng: Rng): JsonObject {
  const entry: JsonObject = {
    keys: many(rng, 5, () => pick(rng, TEXTS)),
    content: pick(rng, TEXTS),
    extensions: members(rng, 5),
    ...members(rng, 3),
  };
  if (rng() < 0.4) entry.secondary_keys = many(rng, 4, () => pick(rng, TEXTS));
  if (rng() < 0.2) entry.key = many(rng, 4, () => value(rng));
  if (rng() < 0.2) {
    (entry.extensions as JsonObject)["persona-mcp"] = { position: "at_depth", ...members(rng, 2) };
  }
  return entry;
}

function worldEntry(rng: Rng, uid: number): JsonObject {
  const entry: JsonObject = {
    uid,
    // Key lists of lists too (refused later by the reader, counted by their items first).
    key: many(rng, 5, () => rng() < 0.2 ? value(rng) : pick(rng, TEXTS)),
    content: pick(rng, TEXTS),
    position: Math.floor(rng() * 3),
    ...members(rng, 4),
  };
  if (rng() < 0.8) entry.extensions = members(rng, 5);
  if (rng() < 0.5) entry.keysecondary = many(rng, 4, () => pick(rng, TEXTS));
  for (const name of many(rng, 2, () => pick(rng, NAMES))) {
    entry[name] = rng() < 0.3 ? null : value(rng);
  }
  return entry;
}

/** Random documents of every shape, each with the counts the reader takes (the least of them). */
function documents(rng: Rng): { text: string; count: number }[] {
  const entries = many(rng, 6, () => v3Entry(rng));
  const world: JsonObject = {};
  many(rng, 6, () => 0).forEach((_, uid) => (world[String(uid)] = worldEntry(rng, uid)));
  const worldDoc = { name: "w", entries: world };
  const docs = [
    {
      text: JSON.stringify({ spec: "lorebook_v3", data: { entries } }),
      count: bookValueCount({ entries }),
    },
    { text: JSON.stringify({ entries }), count: bookValueCount({ entries }) },
    {
      text: JSON.stringify({
        spec: "chara_card_v2",
        data: { name: "c", character_book: { entries } },
      }),
      count: bookValueCount({ entries }),
    },
  ];
  try {
    docs.push({ text: JSON.stringify(worldDoc), count: bookValueCount(fromWorldInfo(worldDoc)) });
  } catch {
    // A position SillyTavern's reader refuses: the file is refused before any count.
  }
  // This server's own exports of a readable book: read back from originalData or the entries.
  try {
    const book = parseLorebook({ entries });
    const stored = bookValueCount(JSON.parse(JSON.stringify(book)));
    const exported = worldInfoDocument(book);
    docs.push({
      text: JSON.stringify(exported),
      count: Math.min(stored, bookValueCount(fromWorldInfo(exported))),
    });
    docs.push({ text: JSON.stringify(lorebookV3Document(book)), count: stored });
  } catch {
    // Not a readable book (random fields of the wrong type): its exports do not exist.
  }
  return docs;
}

Deno.test("the text count is never more than the book's own count, in every shape (1,000 seeded documents)", () => {
  const rng = random(135);
  let compared = 0;
  let [texts, books] = [0, 0];
  for (let n = 0; n < 250; n++) {
    for (const { text, count } of documents(rng)) {
      const found = textBookValues(text, "lorebook", Infinity);
      assert.ok(found, text);
      assert.ok(found.count <= count, `${found.count} > ${count}: ${text}`);
      compared++;
      texts += found.count;
      books += count;
    }
  }
  assert.ok(compared >= 1000, `${compared}`);
  // A bound worth having: much of what the book counts is found in the text (random small
  // members lose their own value each: about half here; a hostile book of long lists, nearly all).
  assert.ok(texts > books * 0.4, `${texts} of ${books}`);
});

Deno.test("every export of a book at LORE_LIMITS passes the text count", () => {
  // As upload_bound_test: 5,000 entries of 80 counted values (keys and extension arrays), and
  // 800 entries of 500 keys.
  const books = [
    Array.from({ length: LORE_LIMITS.entries }, (_, i) => ({
      keys: Array.from({ length: 10 }, (_, k) => `k${i}_${k}`),
      content: "c",
      position: "at_depth",
      extensions: Object.fromEntries(Array.from({ length: 14 }, (_, k) => [`x${k}`, [1, 2, 3, 4]])),
    })),
    Array.from({ length: 800 }, (_, i) => ({
      keys: Array.from({ length: 500 }, (_, k) => `k${i}_${k}`),
      content: "c",
    })),
  ];
  for (const entries of books) {
    const book = parseLorebook({ name: "bound", entries });
    assert.equal(bookValueCount(JSON.parse(JSON.stringify(book))), LORE_LIMITS.values);
    for (const doc of [worldInfoDocument(book), lorebookV3Document(book)]) {
      const text = JSON.stringify(doc);
      assert.ok(textBookValues(text, "lorebook")!.count <= LORE_LIMITS.values);
      assertTextBookValues(text, "lorebook");
    }
  }
});

/** A book of 5 MB of tiny keys (about 830,000, under the upload's 920,000-value bound). */
function tinyKeysBook(): JsonObject {
  const entries = Array.from(
    { length: 5000 },
    () => ({ keys: Array(166).fill("abc"), content: "" }),
  );
  return { entries };
}

Deno.test("a card whose book is 5 MB of tiny keys is refused with the book's error, never parsed", async () => {
  const card = { spec: "chara_card_v2", data: { name: "c", character_book: tinyKeysBook() } };
  const bytes = new TextEncoder().encode(JSON.stringify(card));
  assert.ok(bytes.length > 5_000_000);
  const parses = await bigParses(1_000_000, () => {
    assert.throws(
      () => decodeCardFile(bytes, { maxBytes: 16 << 20 }),
      (error: Error & { data?: { fields: { field: string; message: string }[] } }) => {
        assert.equal(
          error.message,
          `Invalid character card: card.data.character_book must hold at most 400000 values in its keys, extensions and unknown fields`,
        );
        assert.equal(error.data?.fields[0]?.field, "card.data.character_book");
        return true;
      },
    );
  });
  assert.equal(parses, 0, "JSON.parse never saw the card");
});
