import assert from "node:assert/strict";
import { changeStems } from "./change_words.ts";
import {
  closesVerdict,
  PRO_FORMS,
  toldChangesOfText,
  TOPIC_WORDS,
  VERDICT_WINDOW,
  VERDICT_WORDS,
} from "./settled_states.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

/** Whether the last change word of `text` closes a verdict on a pro-form. */
function lastCloses(text: string): boolean {
  const words = changeStems(text);
  return closesVerdict(text, words[words.length - 1]!);
}

Deno.test("settled states: the constants are pinned", () => {
  assert.deepEqual([...PRO_FORMS], ["it", "that", "this", "everything", "all", "things"]);
  assert.equal(VERDICT_WINDOW, 48);
  assert.equal(VERDICT_WORDS, 2);
  assert.equal(TOPIC_WORDS, 4);
});

Deno.test("settled states: a 'now' closing a quality said of a pro-form is a verdict", () => {
  for (
    const text of [
      "Mum and Dad split up when I was nine, it's fine now",
      "the boiler was playing up, all good now",
      "That's sorted now!",
      "we argued about it. Everything's okay now. Anyway",
      "it is much better now",
      "things are calmer now",
      "IT'S FINE NOW",
      // What stands before is a clause (a subject, a verb) or longer than a topic: a verdict.
      "we fixed the boiler, it's fine now",
      "the cat from the house next door, it's fine now",
      // Alone, an adjective says nothing of what it is of: read as a verdict.
      "it's closed now",
    ]
  ) assert.ok(lastCloses(text), text);
});

Deno.test("settled states: a value, a person, more after 'now' or another subject is no verdict", () => {
  for (
    const text of [
      // A noun, a name, a number, a noun phrase: a new value (a correction).
      "no, it's Thursdays now",
      "no, it's thursdays now",
      "it's monthly now",
      // A determiner opens a noun phrase, whatever the word after it.
      "it's an automatic now",
      "it's a Honda now",
      "it's Kes now",
      "it's 40 now",
      "it's the 52 bus now",
      // The clause goes on past "now": it says what the value is of.
      "no, it's fine now for the dog to come",
      // The speaker or a named subject: their own change.
      "I'm fine now",
      "Dad's fine now",
      "my knee is fine now",
      // Three words of quality: more than a verdict.
      "it's really very much better now",
      "it's really much better now",
      // A topic set off before the pro-form: what is said of it is its value, an adjective too.
      "My old school, it's closed now",
      "The Foundry? it's closed now",
      "My job, it's remote now",
      "The gym, it's free now",
      "the book club, it's online now",
      // No "now" at all among the change words read.
      "I quit my job and moved",
    ]
  ) assert.ok(!lastCloses(text), text);
});

Deno.test("settled states: the clause must open within the window before 'now'", () => {
  const near = `${"x".repeat(200)}, it's fine now`;
  assert.ok(lastCloses(near));
  // No clause mark in the window and the text goes on before it: not read as a verdict.
  const far = `${"word ".repeat(40)}it's fine now`;
  assert.ok(!lastCloses(far));
  // The window opens on a pro-form, but its clause began before: more than a verdict.
  const tail = `all${" ".repeat(40)}good `;
  assert.equal(tail.length, VERDICT_WINDOW);
  assert.ok(!lastCloses(`we talked it through and ${tail}now`));
  // A long run of words with no mark reads a bounded window (no quadratic walk back).
  const long = `${"fine ".repeat(20_000)}now`;
  assert.ok(!lastCloses(long));
});

Deno.test("settled states: the told changes drop only a verdict's 'now'", () => {
  const text = "we switched vets last year, it's fine now";
  const told = toldChangesOfText(text);
  assert.deepEqual(told.map((word) => word.stems), [["switch"]]);
  const plain = "it's Thursdays now for climbing";
  assert.equal(toldChangesOfText(plain).length, 1);
});

Deno.test("search: a parting told with a verdict does not replace a fact of one of the two (real SQLite)", async () => {
  // Without the verdict reading, "now" told a change and the shared name made it the update;
  // without the parting reading (`ending_events.ts`), "split up" ended Grandad's fact.
  const ranked = await rankedAfter(
    [
      "Grandad's old accordion is still in his shed in Ripon.",
      "Gran and Grandad split up when I was nine, it's fine now.",
    ],
    "where's Grandad's accordion",
  );
  assert.deepEqual(ranked, [0, 1]);
});

Deno.test("search: a correction with a value after 'now' still replaces the fact (real SQLite)", async () => {
  const ranked = await rankedAfter(
    [
      "Tuesday is my climbing night at The Foundry.",
      "no, it's Thursdays now for climbing.",
    ],
    "when do I go climbing",
  );
  assert.equal(ranked[0], 1);
});
