import assert from "node:assert/strict";
import { changeStems } from "./change_words.ts";
import { closesVerdict, VERDICT_WINDOW } from "./settled_states.ts";

/** Whether the last change word of `text` closes a verdict on a pro-form. */
function lastCloses(text: string): boolean {
  const words = changeStems(text);
  return closesVerdict(text, words[words.length - 1]!);
}

Deno.test("settled states: every verb form of a verdict, either apostrophe, and white space before the clause's end", () => {
  for (
    const text of [
      // "'s been", "has been" and "seems" are the verb: two words of quality are left.
      "it's been much better now",
      "it has been much better now",
      "it seems much better now",
      // A curly apostrophe cuts "is" as a straight one does.
      "it’s fine now",
      // White space may stand between "now" and the mark that ends its clause.
      "all good now :)",
      "it's fine now ",
    ]
  ) assert.ok(lastCloses(text), text);
});

Deno.test("settled states: every determiner opens a value; a noun's 's is read without it", () => {
  // "usual" is no noun, but a determiner before it makes a noun phrase of it.
  for (const determiner of ["the", "a", "its", "my", "our", "your", "his", "her", "their"]) {
    const text = `it's ${determiner} usual now`;
    assert.ok(!lastCloses(text), text);
  }
  // "gran's" is the noun "gran" with its possessive: a value (whose it is now).
  assert.ok(!lastCloses("it's gran's now"));
});

Deno.test("settled states: a stretch with a subject, cut verb included, is a clause, no topic", () => {
  for (const subject of ["I", "we", "you", "he", "she", "they"]) {
    const text = `${subject} fixed the boiler, it's fine now`;
    assert.ok(lastCloses(text), text);
  }
  // "I'm" is "I" with its verb cut: a clause too.
  assert.ok(lastCloses("I'm at the gym, it's closed now"));
});

Deno.test("settled states: a topic has at most TOPIC_WORDS words, a name or a noun at its head, and opens at a mark or the text's start", () => {
  // Four words: still a topic, so the adjective is its new value.
  assert.ok(!lastCloses("my old primary school, it's closed now"));
  // A capitalised head names the topic even where WordNet knows no noun of it.
  assert.ok(!lastCloses("Meersbrook, it's closed now"));
  // The stretch before the comma begins before the window and no mark opens it: no topic is
  // read (its first words are cut), so the clause is a verdict.
  const text = "we talked about the extraordinarily complicated refurbishment, it's closed now";
  assert.ok(text.indexOf("refurbishment") - VERDICT_WINDOW < text.lastIndexOf("now"));
  assert.ok(lastCloses(text));
});
