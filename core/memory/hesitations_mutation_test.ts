/**
 * Hesitations' edges (mut59): a name's spelling right after another sound is a filler, an "!"
 * is a clause mark a filler may follow, and "Jr." is a title that keeps the name after it.
 */
import assert from "node:assert/strict";
import { withoutHesitations } from "./hesitations.ts";

Deno.test("withoutHesitations: a name's spelling right after another sound is a filler too", () => {
  // "Um" mid-text after no clause mark is a name ("ask Um"), but after another sound it is one more.
  assert.equal(withoutHesitations("tell me um Um what Kit does"), "tell me what Kit does");
  assert.equal(withoutHesitations("tell me um Er what Kit does"), "tell me what Kit does");
  assert.equal(withoutHesitations("tell me Um what Kit does"), "tell me Um what Kit does");
});

Deno.test("withoutHesitations: every clause mark lets a name's spelling be a filler after it", () => {
  for (const mark of [",", ".", ";", ":", "!", "?", "\u2026"]) {
    assert.equal(
      withoutHesitations(`Right${mark} Um what does Kit do`),
      `Right${mark} what does Kit do`,
      mark,
    );
  }
});

Deno.test("withoutHesitations: after each title with its stop a name's spelling stays a name", () => {
  for (const title of ["Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "Rev", "Fr", "St", "Sr", "Jr"]) {
    const text = `ask Bo ${title}. Um about the rota`;
    assert.equal(withoutHesitations(text), text, title);
  }
});

Deno.test("withoutHesitations: a name's spelling after nothing but blanks opens the text", () => {
  assert.equal(withoutHesitations(" Um what does Kit do"), " what does Kit do");
  assert.equal(withoutHesitations("   Um what does Kit do"), "   what does Kit do");
});

Deno.test("withoutHesitations: a title is a word of its own, not the end of a longer one", () => {
  // "Sprof." is no title: the sound after its stop is a filler.
  assert.equal(withoutHesitations("ask Sprof. Um what it is"), "ask Sprof. what it is");
  assert.equal(withoutHesitations("ask Prof. Um what it is"), "ask Prof. Um what it is");
});
