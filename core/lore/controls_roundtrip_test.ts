/**
 * SillyTavern's inclusion groups, character filters and timed effects survive import and export
 * (attack22 F2): a World Info file read, written as World Info (edited in SillyTavern or not) and
 * as `lorebook_v3`, and read again, gives every entry the same controls.
 */
import assert from "node:assert/strict";
import { lorebookV3Document } from "./book.ts";
import { controlsOf } from "./controls.ts";
import { lorebookFromDocument } from "./formats.ts";
import { worldInfoDocument } from "./world_info.ts";

const WORLD = {
  entries: {
    "0": {
      uid: 0,
      key: ["weather"],
      content: "It is sunny.",
      order: 100,
      position: 0,
      group: "weather, sky",
      groupOverride: true,
      groupWeight: 40,
      useGroupScoring: true,
      sticky: 3,
      cooldown: 2,
      delay: 5,
    },
    "1": {
      uid: 1,
      key: ["secret"],
      content: "A spy's past.",
      order: 100,
      position: 0,
      characterFilter: { isExclude: true, names: ["Kira"], tags: ["villain"] },
    },
  },
};

Deno.test("groups, character filters and timed effects round-trip through every export", () => {
  const book = lorebookFromDocument(WORLD).book;
  const controls = book.entries.map(controlsOf);
  assert.deepEqual(controls[0], {
    groups: ["weather", "sky"],
    groupOverride: true,
    groupWeight: 40,
    groupScoring: true,
    characterFilter: undefined,
    delay: 5,
    sticky: 3,
    cooldown: 2,
  });
  assert.deepEqual(controls[1]!.characterFilter, {
    names: ["Kira"],
    tags: ["villain"],
    isExclude: true,
  });
  const world = worldInfoDocument(book);
  const entries = world.entries as Record<string, Record<string, unknown>>;
  // SillyTavern's own names in the World Info file.
  assert.equal(entries["0"]!.group, "weather, sky");
  assert.equal(entries["0"]!.groupOverride, true);
  assert.equal(entries["0"]!.sticky, 3);
  assert.deepEqual(entries["1"]!.characterFilter, WORLD.entries["1"].characterFilter);
  const { originalData: _original, ...edited } = world; // as SillyTavern keeps it, or without it
  for (const again of [world, edited, lorebookV3Document(book)]) {
    assert.deepEqual(lorebookFromDocument(again).book.entries.map(controlsOf), controls);
  }
});
