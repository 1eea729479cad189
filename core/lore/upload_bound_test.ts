/**
 * `LORE_UPLOAD_VALUES` (attack32 M1) holds the largest file of a book within `LORE_LIMITS`:
 * the World Info export of 5,000 entries whose counted values are all extension members (which
 * that export writes twice), at positions that add this server's note, imports again.
 */
import assert from "node:assert/strict";
import {
  bookValueCount,
  LORE_LIMITS,
  LORE_UPLOAD_VALUES,
  lorebookV3Document,
  parseLorebook,
} from "./book.ts";
import { worldInfoDocument } from "./world_info.ts";
import { jsonKeysProblem } from "../json_keys.ts";

Deno.test("every export of a book at LORE_LIMITS stays within LORE_UPLOAD_VALUES", () => {
  // 5,000 entries of 80 counted values each: 10 keys and 14 extension members of 4-item arrays
  // (a member counts 1 and its items), or no key and members of 5 and 4 items.
  const shapes = [{ keys: 10, items: () => 4 }, { keys: 0, items: (k: number) => k < 10 ? 5 : 4 }];
  for (const { keys, items } of shapes) {
    const entries = Array.from({ length: LORE_LIMITS.entries }, (_, i) => ({
      keys: Array.from({ length: keys }, (_, k) => `k${i}_${k}`),
      content: "c",
      position: "at_depth",
      extensions: Object.fromEntries(
        Array.from({ length: 14 }, (_, k) => [`x${k}`, Array(items(k)).fill(1)]),
      ),
    }));
    const book = parseLorebook({ name: "bound", entries });
    assert.equal(bookValueCount(JSON.parse(JSON.stringify(book))), LORE_LIMITS.values);
    for (const doc of [worldInfoDocument(book), lorebookV3Document(book)]) {
      const text = JSON.stringify(doc);
      assert.equal(jsonKeysProblem(text, LORE_UPLOAD_VALUES), null);
    }
  }
});
