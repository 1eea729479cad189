import assert from "node:assert/strict";
import { reversedSlot, ROLE_WORDS } from "./reversed_slots.ts";
import { restatesSlot } from "./restated_slots.ts";
import { statedSlot } from "./stated_slot.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("reversedSlot: a name filling a role of the speaker's states the role's slot", () => {
  assert.deepEqual(reversedSlot("Dev's going to be my best man, he cried when I asked him"), {
    key: "self's best person|be",
    value: ["dev"],
  });
  assert.deepEqual(reversedSlot("Kit Barnes is my boss now"), {
    key: "self's boss|be",
    value: ["kit", "barn"],
  });
  for (
    const text of [
      "Maja is going to be my best person.",
      "Maja'll be my best person",
      "Maja will be our best person",
      "Maja's gonna be my best person",
      "Maja is officially my best person",
    ]
  ) assert.deepEqual(reversedSlot(text), { key: "self's best person|be", value: ["maja"] }, text);
  // The role ends where its noun phrase does: at a word that ends a value, or a function word.
  assert.equal(
    reversedSlot("Dev is my climbing partner at The Foundry")?.key,
    "self's climb partner|be",
  );
  assert.equal(reversedSlot("Dev's my best man he cried")?.key, "self's best person|be");
});

Deno.test("reversedSlot: no name, a question, kin, a friend, a deictic day or no noun: no slot", () => {
  for (
    const text of [
      "He's my boss now",
      "That's my boss over there",
      "Who's my best man",
      "Dev's my best man?",
      "Maja is my sister",
      "Dev is my best friend",
      "Today is my birthday",
      "Tomorrow's my last shift",
      "Dev is my very",
      "my boss",
    ]
  ) assert.equal(reversedSlot(text), undefined, text);
});

Deno.test(`reversedSlot: a role is read to at most ${ROLE_WORDS} words`, () => {
  assert.equal(ROLE_WORDS, 3);
  assert.equal(reversedSlot("Dev is my old climbing partner")?.key, "self's old climb partner|be");
  // A fourth word is not read: the role's head is the third.
  assert.equal(
    reversedSlot("Dev is my new senior sound engineer")?.key,
    "self's new senior sound|be",
  );
});

Deno.test("a slot told in either order is one slot, restated by the other order", () => {
  assert.equal(statedSlot("Kit is my boss now")?.key, statedSlot("my boss is Harriet Vance")?.key);
  assert.ok(restatesSlot("my boss is Harriet Vance, head of sound", "Kit is my boss now"));
  assert.ok(restatesSlot("Dev's going to be my best man", "my best person is Maja"));
  const kept = (message: string) => `Theo said: ${message}\nJuno replied: Lovely.`;
  assert.ok(
    restatesSlot(
      kept("Dev's going to be my best man, he cried when I asked him"),
      kept("Maja's going to be my best person. Dev totally gets it"),
    ),
  );
  // The same value again is no restatement.
  assert.ok(!restatesSlot("my best man is Dev", "Dev's going to be my best man"));
});

Deno.test("search: a name filling the role in the other order ranks above the older one, stored without a link (real SQLite)", async () => {
  const ranked = await rankedAfter(
    [
      "Theo said: Dev's going to be my best man, he cried when I asked him\nJuno replied: Aw, lovely.",
      "Theo said: Maja's going to be my best person. Dev gets it\nJuno replied: That's lovely.",
    ],
    "who's my best man",
  );
  assert.deepEqual(ranked, [1, 0]);
});
