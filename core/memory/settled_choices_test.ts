import assert from "node:assert/strict";
import { settledNames, settlesChoice, SETTLING_WINDOW_MS } from "./settled_choices.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

const kept = (sender: string, message: string) =>
  `${sender} said: ${message}\nAria replied: Lovely, Tofu or Mochi, both sweet.`;
const OPEN = kept("Kai", "Priya wants to call the kitten Mochi. I said Tofu. We'll see");
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
const pair = (older: string, newer: string, minutes = 60) => ({
  older,
  newer,
  olderAt: at(0),
  newerAt: at(minutes),
});

Deno.test("settlesChoice: a decision naming one of the options an older line left open settles it", () => {
  assert.ok(
    settlesChoice(pair(OPEN, kept("Kai", "actually we went with Tofu in the end. Priya caved"))),
  );
  assert.ok(settlesChoice(pair(OPEN, kept("Kai", "in the end we picked Mochi"))));
  // Two plain remembered facts: neither a kept exchange, the same speaker.
  assert.ok(
    settlesChoice(
      pair("Priya wants to call the kitten Mochi. I said Tofu", "we settled on Tofu after all"),
    ),
  );
});

Deno.test("settlesChoice: another speaker, one option, both options, no decision: nothing settled", () => {
  assert.ok(!settlesChoice(pair(OPEN, kept("Sam", "actually we went with Tofu in the end"))));
  assert.ok(
    !settlesChoice(
      pair(
        kept("Kai", "Priya wants to call the kitten Mochi"),
        kept("Kai", "actually we went with Mochi"),
      ),
    ),
  );
  assert.ok(!settlesChoice(pair(OPEN, kept("Kai", "actually Mochi and Tofu both came home"))));
  assert.ok(!settlesChoice(pair(OPEN, kept("Kai", "we took Tofu to the vet"))));
  // Older than the older line: no decision on it.
  assert.ok(!settlesChoice(pair(OPEN, kept("Kai", "actually we went with Tofu"), -60)));
});

Deno.test(`settlesChoice: a decision follows within a week (${SETTLING_WINDOW_MS} ms)`, () => {
  assert.equal(SETTLING_WINDOW_MS, 7 * 24 * 60 * 60 * 1000);
  const newer = kept("Kai", "actually we went with Tofu in the end");
  const week = SETTLING_WINDOW_MS / 60_000;
  assert.ok(settlesChoice(pair(OPEN, newer, week)));
  assert.ok(!settlesChoice(pair(OPEN, newer, week + 1)));
});

Deno.test("settledNames: the names after a word of settling in its clause, in the sender's message", () => {
  assert.deepEqual(
    settledNames(kept("Kai", "actually we went with Tofu in the end. Priya caved")),
    [
      "tofu",
    ],
  );
  // The one who chose stands before the word; a name in another clause is not what was chosen.
  assert.deepEqual(settledNames("a pink glittery one Ife picked out"), []);
  assert.deepEqual(
    settledNames("me and Bisi went to the market, and we ended up with plantain"),
    [],
  );
  // The persona's reply only echoes: a decision it tells settles nothing of the sender's.
  assert.deepEqual(
    settledNames(
      "Kai said: we took Tofu and Mochi to the vet\nAria replied: actually Tofu was the brave one",
    ),
    [],
  );
  assert.deepEqual(settledNames("We chose Tofu"), ["tofu"]);
});

Deno.test("search: a decision settling an open choice ranks above it, stored without a link (real SQLite)", async () => {
  const ranked = await rankedAfter(
    [
      "Kai said: Priya wants to call the kitten Mochi. I said Tofu. We'll see\nAria replied: Mochi is adorable! Tofu is lovely too.",
      "Kai said: actually we went with Tofu in the end. Priya caved\nAria replied: Tofu! Perfect.",
    ],
    "are we calling the kitten Mochi",
  );
  assert.deepEqual(ranked, [1, 0]);
});
