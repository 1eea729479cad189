import assert from "node:assert/strict";
import { LORE_LIMITS, lorebookV3Document, parseLorebook } from "./book.ts";
import { ENTRY_OURS } from "./entry_position.ts";
import { lorebookFromDocument } from "./formats.ts";
import { worldInfoDocument } from "./world_info.ts";

/** A book whose entries carry the spec's positions, others from elsewhere, and none. */
const BOOK = parseLorebook({
  name: "Places",
  entries: [
    { keys: ["a"], content: "A", position: "after_desc", extensions: {} },
    { keys: ["b"], content: "B", position: "at_depth", extensions: { [ENTRY_OURS]: { x: 1 } } },
    { keys: ["c"], content: "C", position: "before_char", extensions: {} },
    { keys: ["d"], content: "D", position: "after_char", extensions: {} },
    { keys: ["e"], content: "E", extensions: {} },
  ],
});
const ORIGINAL = ["after_desc", "at_depth", "before_char", "after_char", undefined];

Deno.test("lorebook exports write V3's positions (where this server places the entry), the others kept", () => {
  const v3 = lorebookV3Document(BOOK).data;
  assert.deepEqual(
    v3.entries.map((entry) => entry.position),
    ["before_char", "before_char", "before_char", "after_char", undefined],
  );
  assert.deepEqual(v3.entries[0]?.extensions[ENTRY_OURS], { position: "after_desc" });
  assert.deepEqual(v3.entries[1]?.extensions[ENTRY_OURS], { x: 1, position: "at_depth" });
  assert.equal(v3.entries[2]?.extensions[ENTRY_OURS], undefined, "spec values stay as they are");
  // SillyTavern's World Info: the number it reads for a position, 0 before the character.
  const world = worldInfoDocument(BOOK) as {
    entries: Record<string, { position: number }>;
    originalData: { entries: Array<{ position?: string }> };
  };
  assert.deepEqual(Object.values(world.entries).map((entry) => entry.position), [0, 0, 0, 1, 1]);
  assert.deepEqual(
    world.originalData.entries.map((entry) => entry.position),
    ["before_char", "before_char", "before_char", "after_char", undefined],
  );
});

Deno.test("importing this server's exports gives the original positions back", () => {
  const v3 = JSON.parse(JSON.stringify(lorebookV3Document(BOOK)));
  const world = JSON.parse(JSON.stringify(worldInfoDocument(BOOK)));
  const worldOnly = { entries: world.entries }; // as if SillyTavern dropped originalData
  for (const [label, file] of [["lorebook_v3", v3], ["sillytavern", world]] as const) {
    const { book } = lorebookFromDocument(file);
    assert.deepEqual(book.entries.map((entry) => entry.position), ORIGINAL, label);
    assert.deepEqual(book, BOOK, `${label}: the book as it was`);
  }
  assert.equal(lorebookFromDocument(worldOnly).book.entries.length, 5);
  // A position changed since the export is the new one (the kept value is dropped).
  v3.data.entries[0].position = "after_char";
  const edited = lorebookFromDocument(v3).book.entries[0]!;
  assert.equal(edited.position, "after_char");
  assert.equal(edited.extensions[ENTRY_OURS], undefined);
});

Deno.test("an entry at the extension key limit with a kept position exports and imports whole", () => {
  const extensions = Object.fromEntries(
    Array.from({ length: LORE_LIMITS.extensionKeys }, (_, i) => [`k${i}`, i]),
  );
  const full = parseLorebook({
    name: "Full",
    entries: [{ keys: ["a"], content: "A", position: "after_desc", extensions }],
  });
  // The export adds this server's key (the position kept): one past the limit, not counted.
  const v3 = JSON.parse(JSON.stringify(lorebookV3Document(full)));
  assert.equal(Object.keys(v3.data.entries[0].extensions).length, LORE_LIMITS.extensionKeys + 1);
  const { book } = lorebookFromDocument(v3);
  assert.deepEqual(book, full);
});
