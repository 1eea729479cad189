import assert from "node:assert/strict";
import { asksChange } from "./asked_changes.ts";
import { changeStems } from "./change_words.ts";

/** Whether the first change word of `text` stands in a question. */
function firstAsks(text: string): boolean {
  return asksChange(text, changeStems(text)[0]!);
}

/** Whether the last change word of `text` stands in a question. */
function lastAsks(text: string): boolean {
  const words = changeStems(text);
  return asksChange(text, words[words.length - 1]!);
}

Deno.test("asked changes: the rarer modals, a cut 'won't' and a curly 'n’t' open questions", () => {
  for (
    const text of [
      "shall we quit the band",
      "might we quit the band",
      "won't they quit the band",
      "hasn’t she moved to Leeds",
    ]
  ) assert.ok(firstAsks(text), text);
});

Deno.test("asked changes: a modal, a cut 'll, a modal's 'n't or 'whether' keeps an embedded clause from telling", () => {
  for (
    const text of [
      "do you think we could quit the band",
      "do you think we would quit the band",
      "do you think we'll quit the band",
      "do you think we shouldn't quit the band",
      "do you know whether we moved the party",
    ]
  ) assert.ok(firstAsks(text), text);
  // A second subject right after the inverted one still tells its clause ("was it you [who]
  // switched"): the question asks who, the switch is told.
  assert.ok(!firstAsks("was it you switched the bins to Fridays"));
});

Deno.test("asked changes: a question word opens a question only with an auxiliary and a subject after it", () => {
  // "which was when": a relative clause, no subject pronoun after the auxiliary: told.
  assert.ok(!lastAsks("we met in 2019, which was when Dev moved to Leeds"));
});

Deno.test("asked changes: a statement before a '?' tells its change only in the first person, or before a question's opening", () => {
  // "we" tells its own act, whatever follows.
  assert.ok(!firstAsks("we just moved to Leeds any tips?"));
  // A question word, or an auxiliary before "there", opens the question that follows a
  // third person's statement.
  assert.ok(!firstAsks("Dev moved to Leeds how come?"));
  assert.ok(!firstAsks("Dev switched to Fridays is there a problem?"));
  // The hearer's act is echoed, not told.
  assert.ok(firstAsks("you moved to Leeds is that right?"));
  // A name read as the subject only right before the change word: here it is the inverted
  // subject of a question, and the question opening after it is the same question's.
  assert.ok(firstAsks("has Dev moved to Leeds is that why?"));
});
