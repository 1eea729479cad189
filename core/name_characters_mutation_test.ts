/** Edges of the tag characters `name_characters.ts` refuses (review37). */
import assert from "node:assert/strict";
import { nameCharactersProblem, withoutRefusedCharacters } from "./name_characters.ts";

const tags = (ascii: string) =>
  [...ascii].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");

Deno.test("a tag sequence needs at least one tag between the black flag and the cancel tag", () => {
  const bare = "Flag \u{1F3F4}\u{E007F}";
  assert.match(nameCharactersProblem(bare) ?? "", /tag characters/);
  assert.equal(withoutRefusedCharacters(bare), "Flag \u{1F3F4}");
});

Deno.test("U+E0000 is a tag character too", () => {
  assert.match(nameCharactersProblem("Ann\u{E0000}") ?? "", /tag characters/);
});

Deno.test("a sequence holding a tag below U+E0020 (the language tag) is no emoji tag sequence", () => {
  const lang = `Flag \u{1F3F4}\u{E0001}${tags("gb")}\u{E007F}`;
  assert.match(nameCharactersProblem(lang) ?? "", /tag characters/);
  assert.equal(withoutRefusedCharacters(lang), "Flag \u{1F3F4}");
});
