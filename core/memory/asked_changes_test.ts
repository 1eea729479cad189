import assert from "node:assert/strict";
import { asksChange, QUESTION_WINDOW } from "./asked_changes.ts";
import { changeStems } from "./change_words.ts";
import { toldChangesOfText } from "./settled_states.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

/** Whether the first change word of `text` stands in a question. */
function firstAsks(text: string): boolean {
  return asksChange(text, changeStems(text)[0]!);
}

Deno.test("asked changes: the window is pinned", () => {
  assert.equal(QUESTION_WINDOW, 160);
});

Deno.test("asked changes: a change word in a question tells no change", () => {
  for (
    const text of [
      // Chat drops the question mark: the inverted auxiliary and subject tell it.
      "should we get married in Lisbon instead",
      "have you moved yet?",
      "Did Dev quit the band?",
      "so, did you quit in the end",
      "what should we do now",
      "why did you quit",
      "hasn't she moved to Leeds",
      "Kai said: can we move the party instead\nMira replied: Sure!",
      // A clause of its own after a comma.
      "I know it's late, have they cancelled",
      // A question mark closing the clause: an echo of the hearer's or another's change.
      "you moved?",
      "she quit?",
      "Dev switched to Fridays any news?",
      // A statement of a possibility or a proposal, asked by its "?".
      "we should quit the band?",
      "I wonder if we should quit?",
      // A second subject whose clause is a possibility, an infinitive or a question itself.
      "do you think we should quit the band",
      "did I tell you to quit the band",
      "do you know if we moved the party",
    ]
  ) assert.ok(firstAsks(text), text);
});

Deno.test("asked changes: a statement, or a question beside it, tells its change", () => {
  for (
    const text of [
      "I switched to oat milk",
      "we moved to Leeds, it's lovely",
      "Dev's moved his climbing to Fridays",
      "it's Thursdays now for climbing",
      // The question is another clause: the change is told.
      "I quit my job, can you believe it?",
      "I quit my job. Can you believe it",
      // A question word opening a statement ("what I changed").
      "what I changed was the gym",
      "how we moved house in a day is a mystery",
      // An auxiliary opening a statement with no subject after it.
      "had the boiler replaced last week",
      "was moved to nights in March",
      // A statement, then a question with no comma between: the "?" is the question's.
      "we just switched to Thursdays at the Foundry is that ok?",
      "I just moved to Leeds any tips?",
      "We switched to oat milk is that weird?",
      "I quit my job so what do I do now?",
      "Dev switched to Fridays is that ok?",
      "it's Thursdays now is that ok?",
      // A question about telling or knowing: its embedded clause tells the change.
      "did I tell you we switched to Thursdays",
      "Have I mentioned I switched jobs",
      "Do you know I changed jobs last month",
      "May I just say we moved to Leeds",
      "guess what, we moved",
    ]
  ) assert.ok(!firstAsks(text), text);
});

Deno.test("asked changes: a clause opening before the window is not read; its end still is", () => {
  // The window opens on "have you", but the clause began before it ("did you know ..."): more
  // than the window, so no opening is read.
  const tail = `have you ${"x ".repeat(73)}moved`;
  assert.equal(tail.length, QUESTION_WINDOW);
  const long = `I wonder, ${"z ".repeat(10)}${tail}`;
  assert.ok(!asksChange(long, changeStems(long)[0]!));
  const asked = `${"word ".repeat(40)}moved?`;
  assert.ok(asksChange(asked, changeStems(asked)[0]!));
});

Deno.test("asked changes: the told changes leave a question's change word out", () => {
  assert.deepEqual(toldChangesOfText("should we sell the van instead"), []);
  assert.equal(toldChangesOfText("we sold the van, should we get a bike?").length, 1);
});

Deno.test("search: a question with a word of change does not replace a fact it shares a name with (real SQLite)", async () => {
  // Without the reading, "instead" told a change and the shared "Lisbon" made it the update.
  const ranked = await rankedAfter(
    [
      "Kai said: I'm Kai, born in Lisbon, been in Leeds since I was ten\nMira replied: Lovely to meet you!",
      "Kai said: should we get married in Lisbon instead\nMira replied: That would be special! Would your friends travel?",
    ],
    "where was I born",
  );
  assert.deepEqual(ranked, [0, 1]);
});

Deno.test("search: a told change before a question, or inside one about telling, still updates the older fact (real SQLite)", async () => {
  // Before, the "?" of the question that follows, or "did I" before "tell", made the change
  // asked: the older Tuesdays ranked above its update.
  for (
    const newer of [
      "Dev said: we just switched to Thursdays at the Foundry is that ok?\nMira replied: Sure!",
      "Dev said: I just moved to Thursdays at the Foundry any tips?\nMira replied: Sure!",
      "Dev said: did I tell you we switched to Thursdays at the Foundry\nMira replied: Nice!",
    ]
  ) {
    const ranked = await rankedAfter(
      ["Dev said: I climb at the Foundry on Tuesdays\nMira replied: Fun!", newer],
      "when does Dev climb",
    );
    assert.deepEqual(ranked, [1, 0], newer);
  }
});
